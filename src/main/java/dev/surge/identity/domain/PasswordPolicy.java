package dev.surge.identity.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * What a password must be: 10 to 128 characters, not containing the account's email name, and not one of
 * the 20,000 most common passwords of that length (shipped in {@code identity/common-passwords.txt},
 * loaded once at start-up). No composition rules: length and rarity are what resist guessing.
 */
@Component
class PasswordPolicy {

    static final int MIN_LENGTH = 10;
    static final int MAX_LENGTH = 128;

    private final Set<String> common;

    PasswordPolicy() {
        this.common = load();
    }

    /** Throws {@code validation_failed} on {@code field} when the password is not acceptable for this email. */
    void check(String field, String password, String email) {
        String problem = problem(password, email);
        if (problem != null) {
            throw new IdentityErrors.WeakPassword(field, problem);
        }
    }

    String problem(String password, String email) {
        if (password == null || password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
            return "must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters";
        }
        String lower = password.toLowerCase(Locale.ROOT);
        String name = email == null ? "" : email.toLowerCase(Locale.ROOT).split("@", 2)[0];
        if (name.length() >= 3 && lower.contains(name)) {
            return "must not contain your email address";
        }
        if (common.contains(lower)) {
            return "is one of the most common passwords";
        }
        return null;
    }

    private static Set<String> load() {
        Set<String> passwords = new HashSet<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new ClassPathResource("identity/common-passwords.txt").getInputStream(), StandardCharsets.UTF_8))) {
            reader.lines().filter(line -> !line.startsWith("#")).map(line -> line.toLowerCase(Locale.ROOT))
                    .forEach(passwords::add);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the common password list", e);
        }
        return passwords;
    }
}
