// Validates rendered Kubernetes manifests (`kubectl kustomize ... > rendered.yaml`) offline:
//   node validate.mjs rendered.yaml [application.yml]
// 1. Schema: each document against the Kubernetes OpenAPI schema of its apiVersion and kind, as compiled by the
//    kubernetes-models package (types, required fields, formats, int-or-string).
// 2. Strict: no field the schema does not know (a misspelt `readinessProbe` or `pth` would otherwise pass, and the
//    API server would drop it): each document is type-checked by TypeScript against the package's interfaces, whose
//    excess-property check rejects unknown keys at any depth.
// 3. Surge: every ${SURGE_*} / ${SERVER_PORT} that application.yml reads is a key of the ConfigMap or the Secret the
//    Deployment takes its environment from, probes use declared ports, and the grace period covers the preStop sleep
//    and the shutdown phases.
// Before all that it checks itself: a broken copy of the first Deployment must fail checks 1 and 2.
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";
import ts from "typescript";

const here = dirname(fileURLToPath(import.meta.url));
const [renderedFile, applicationYml] = process.argv.slice(2);
if (!renderedFile) {
  console.error("usage: node validate.mjs rendered.yaml [application.yml]");
  process.exit(2);
}

const docs = parseAllDocuments(readFileSync(renderedFile, "utf8")).map((doc, i) => {
  if (doc.errors.length) throw new Error(`document ${i}: ${doc.errors.map(String).join("; ")}`);
  return doc.toJS();
}).filter(Boolean);

const name = (doc) => `${doc.kind}/${doc.metadata?.name}`;

async function schemaErrors(doc) {
  let module;
  try {
    module = await import(`kubernetes-models/${doc.apiVersion}`);
  } catch {
    return [`unknown apiVersion ${doc.apiVersion}`];
  }
  const Model = module[doc.kind];
  if (!Model) return [`unknown kind ${doc.kind} in ${doc.apiVersion}`];
  try {
    new Model(doc).validate();
    return [];
  } catch (e) {
    return [e.message];
  }
}

/** TypeScript's excess-property check: one typed constant per document, compiled in a scratch directory. */
function strictErrors(documents) {
  const dir = mkdtempSync(join(tmpdir(), "surge-k8s-"));
  try {
    // Imports first, then one line per document, so that a diagnostic's line names its document.
    const lines = documents.map((doc, i) =>
      `import type { I${doc.kind} as T${i} } from "kubernetes-models/${doc.apiVersion}/${doc.kind}";`);
    documents.forEach((doc, i) => lines.push(`export const doc${i}: T${i} = ${JSON.stringify(doc)};`));
    const file = join(dir, "manifests.ts");
    writeFileSync(file, lines.join("\n"));
    const program = ts.createProgram([file], {
      strict: true, noEmit: true, skipLibCheck: true, target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
      typeRoots: [], types: [], baseUrl: here, paths: { "*": [join(here, "node_modules", "*")] },
    });
    return ts.getPreEmitDiagnostics(program).map((d) => {
      const message = ts.flattenDiagnosticMessageText(d.messageText, " ");
      if (!d.file) return message;
      const { line } = d.file.getLineAndCharacterOfPosition(d.start);
      const doc = documents[line - documents.length];
      return `${doc ? name(doc) : "?"}: ${message}`;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function durationSeconds(text) {
  const m = /^(\d+)(ms|s|m)?$/.exec(String(text).trim());
  if (!m) throw new Error(`cannot read duration ${text}`);
  return Number(m[1]) * ({ ms: 0.001, s: 1, m: 60 }[m[2] ?? "s"] ?? 1);
}

function surgeErrors(documents) {
  const errors = [];
  const deployments = documents.filter((d) => d.kind === "Deployment");
  if (deployments.length !== 1) return [`expected one Deployment, found ${deployments.length}`];
  const pod = deployments[0].spec.template.spec;
  const container = pod.containers.find((c) => c.name === "surge");
  if (!container) return ["no container named surge"];
  const byName = (kind, n) => documents.find((d) => d.kind === kind && d.metadata.name === n);
  const keys = new Set((container.env ?? []).map((e) => e.name));
  for (const source of container.envFrom ?? []) {
    const ref = source.configMapRef ?? source.secretRef;
    const found = byName(source.configMapRef ? "ConfigMap" : "Secret", ref.name);
    if (!found) {
      errors.push(`envFrom names ${ref.name}, which is not in the manifests`);
      continue;
    }
    Object.keys({ ...found.data, ...found.stringData }).forEach((k) => keys.add(k));
  }
  if (applicationYml) {
    const text = readFileSync(applicationYml, "utf8");
    const wanted = new Set([...text.matchAll(/\$\{((?:SURGE|SERVER)_[A-Z0-9_]+)/g)].map((m) => m[1]));
    const missing = [...wanted].filter((k) => !keys.has(k)).sort();
    if (missing.length) errors.push(`settings of application.yml in neither ConfigMap nor Secret: ${missing.join(", ")}`);
    const phase = /timeout-per-shutdown-phase:\s*(\S+)/.exec(text);
    const sleep = container.lifecycle?.preStop?.exec?.command?.[1] ?? container.lifecycle?.preStop?.sleep?.seconds ?? 0;
    if (phase) {
      // The web server's drain is one phase; the relay, consumers and pools stop in the phases after it.
      const needed = Number(sleep) + 2 * durationSeconds(phase[1]);
      if (!(pod.terminationGracePeriodSeconds > needed)) {
        errors.push(`terminationGracePeriodSeconds ${pod.terminationGracePeriodSeconds} must exceed preStop ${sleep} s + 2 x ${phase[1]}`);
      }
    }
  }
  const ports = new Set((container.ports ?? []).map((p) => p.name));
  for (const probe of ["startupProbe", "livenessProbe", "readinessProbe"]) {
    const port = container[probe]?.httpGet?.port;
    if (port === undefined) errors.push(`${probe} missing`);
    else if (typeof port === "string" && !ports.has(port)) errors.push(`${probe} uses undeclared port ${port}`);
  }
  const limits = container.resources?.limits ?? {};
  if (!limits.memory || !/MaxRAMPercentage/.test((container.env ?? []).find((e) => e.name === "JAVA_TOOL_OPTIONS")?.value ?? "")) {
    errors.push("the container needs a memory limit and JAVA_TOOL_OPTIONS with -XX:MaxRAMPercentage");
  }
  return errors;
}

// Self-check: the validator must reject a broken Deployment.
const original = documents => documents.find((d) => d.kind === "Deployment");
const broken = structuredClone(original(docs));
broken.spec.replicas = "two";
const misspelt = structuredClone(original(docs));
misspelt.spec.template.spec.containers[0].readinesProbe = misspelt.spec.template.spec.containers[0].readinessProbe;
if ((await schemaErrors(broken)).length === 0) throw new Error("self-check: the schema check accepted replicas: \"two\"");
if (strictErrors([misspelt]).length === 0) throw new Error("self-check: the strict check accepted readinesProbe");

const failures = [];
for (const doc of docs) {
  for (const e of await schemaErrors(doc)) failures.push(`${name(doc)}: ${e}`);
}
failures.push(...strictErrors(docs), ...surgeErrors(docs));
if (failures.length) {
  failures.forEach((f) => console.error(`INVALID ${f}`));
  console.error(`${failures.length} problem(s) in ${docs.length} documents of ${renderedFile}`);
  process.exit(1);
}
console.log(`${docs.length} documents valid (schema, strict fields, Surge's settings and shutdown): ${docs.map(name).join(", ")}`);
