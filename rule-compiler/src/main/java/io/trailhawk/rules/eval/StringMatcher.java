package io.trailhawk.rules.eval;

/** One string operator with its right-hand side already prepared (sets built, patterns compiled). */
@FunctionalInterface
public interface StringMatcher {
    boolean matches(String value);
}
