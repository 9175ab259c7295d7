package dev.surge.cart.domain;

import java.util.UUID;
import java.util.function.Function;

/**
 * Whose cart a request is about: a guest holding a token (null: none yet), or a signed-in user. Code that
 * treats the two differently says so with {@link #fold}, so both branches sit side by side.
 */
public sealed interface CartOwner {

    /** The user's cart when {@code userId} is set, else the guest cart behind {@code guestToken}. */
    static CartOwner of(UUID userId, String guestToken) {
        return userId != null ? new User(userId) : new Guest(guestToken);
    }

    /** What {@code user} makes of a signed-in owner, or {@code guest} of a guest. */
    <T> T fold(Function<? super User, ? extends T> user, Function<? super Guest, ? extends T> guest);

    record Guest(String token) implements CartOwner {

        @Override
        public <T> T fold(Function<? super User, ? extends T> user, Function<? super Guest, ? extends T> guest) {
            return guest.apply(this);
        }
    }

    record User(UUID userId) implements CartOwner {

        @Override
        public <T> T fold(Function<? super User, ? extends T> user, Function<? super Guest, ? extends T> guest) {
            return user.apply(this);
        }
    }
}
