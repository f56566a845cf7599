package io.trailhawk.formats;

import io.trailhawk.rules.load.AccountTable.Account;
import java.util.Objects;

/**
 * What an alert's rendering needs besides the alert: the ruleset version that raised it (null outside the job)
 * and the account it happened in, as the account table names it ({@link Account#unknown} when the table has no
 * row for it). Immutable.
 */
public final class AlertContext {
    private final Long rulesetVersion;
    private final Account account;

    private AlertContext(Long rulesetVersion, Account account) {
        this.rulesetVersion = rulesetVersion;
        this.account = Objects.requireNonNull(account);
    }

    public static AlertContext of(Long rulesetVersion, Account account) {
        return new AlertContext(rulesetVersion, account);
    }

    /** No ruleset version, and an account known by its id alone. */
    public static AlertContext of(String accountId) {
        return new AlertContext(null, Account.unknown(accountId));
    }

    public Long rulesetVersion() {
        return rulesetVersion;
    }

    public Account account() {
        return account;
    }
}
