#!/usr/bin/env python3
"""Signed webhook deliveries for writes.sh, one "<signature>\t<body>" line each (Python 3 standard library only).

  writes-events.py surge URL TOKEN VARIANT COUNT SECRET OUT [THREADS]
      places COUNT orders of one unit of VARIANT, in turn as the customer of TOKEN and 31 customers it registers
      (POST /api/v1/orders), and starts a sandbox payment for each (POST /api/v1/payments), THREADS (8) at a
      time; then writes, for each payment,
      the sandbox's own payment.succeeded event (as loadtest's WebhookSimulation builds it), signed like the
      sandbox signs: Surge-Sandbox-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body"> with SECRET.
      Each line is a new event for a known, pending payment; OUT.orders has the orders' ids, line for line.
  writes-events.py bare COUNT SECRET OUT
      the same shape of event for COUNT made-up payments, each with an event id of its own, for the bare app.
"""
import concurrent.futures
import hashlib
import hmac
import json
import sys
import time
import urllib.request
import uuid

ADDRESS = {"name": "Bench Buyer", "line1": "1 Market St", "city": "San Francisco", "region": "CA",
           "postalCode": "94105", "country": "US"}


def post(url, token, body):
    headers = {"Content-Type": "application/json", "Idempotency-Key": str(uuid.uuid4())}
    if token:
        headers["Authorization"] = "Bearer " + token
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST", headers=headers)
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)


def event(reference, payment_id, amount, currency):
    return {"id": "evt_" + reference + "_succeeded", "type": "payment.succeeded", "created": int(time.time()),
            "data": {"reference": reference, "payment_reference": payment_id, "refund_reference": None,
                     "amount": amount, "currency": currency}}


def write(events, secret, out):
    key = secret.encode()
    with open(out, "w") as f:
        for e in events:
            body = json.dumps(e, separators=(",", ":"))
            t = str(int(time.time()))
            v1 = hmac.new(key, (t + "." + body).encode(), hashlib.sha256).hexdigest()
            f.write("t=" + t + ",v1=" + v1 + "\t" + body + "\n")


BUYERS = 32


def customer(url):
    """A new customer's access token."""
    credentials = {"email": "bench-buyer-" + uuid.uuid4().hex + "@example.com", "password": "Bench-Writes-Passw0rd"}
    post(url + "/api/v1/auth/register", None, dict(credentials, displayName="Bench buyer"))
    return post(url + "/api/v1/auth/login", None, credentials)["accessToken"]


def pay(url, token, variant):
    order = post(url + "/api/v1/orders", token,
                 {"lines": [{"variantId": variant, "quantity": 1}], "shippingAddress": ADDRESS})
    payment = post(url + "/api/v1/payments", token, {"orderId": order["id"], "provider": "sandbox"})
    return order["id"], event(payment["providerReference"], payment["id"], payment["amount"]["amountMinor"],
                              payment["amount"]["currency"])


def main(argv):
    if argv[1] == "surge":
        url, token, variant, count, secret, out = argv[2:8]
        threads = int(argv[8]) if len(argv) > 8 else 8
        with concurrent.futures.ThreadPoolExecutor(threads) as pool:
            # Many buyers, as in a sale: one customer with thousands of paid orders would make reporting's
            # per-customer figures (computed from all of that customer's orders) the benchmark's bottleneck.
            tokens = [token] + list(pool.map(lambda _: customer(url), range(BUYERS - 1)))
            made = list(pool.map(lambda i: pay(url, tokens[i % len(tokens)], variant), range(int(count))))
        write([e for _, e in made], secret, out)
        with open(out + ".orders", "w") as f:
            f.writelines(order + "\n" for order, _ in made)
        print(len(made))
    elif argv[1] == "bare":
        count, secret, out = argv[2:5]
        write([event("bare_" + uuid.uuid4().hex, str(uuid.uuid4()), 1999, "USD") for _ in range(int(count))],
              secret, out)
        print(count)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
