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
    /** The alert's {@link AlertId} when the caller has it already; null when a format must work it out. */
    private final String alertId;

    private AlertContext(Long rulesetVersion, Account account, String alertId) {
        this.rulesetVersion = rulesetVersion;
        this.account = Objects.requireNonNull(account);
        this.alertId = alertId;
    }

    public static AlertContext of(Long rulesetVersion, Account account) {
        return new AlertContext(rulesetVersion, account, null);
    }

    /** The same, for an alert whose id {@code alertId} the caller has worked out already. */
    public static AlertContext of(Long rulesetVersion, Account account, String alertId) {
        return new AlertContext(rulesetVersion, account, alertId);
    }

    /** The id of {@code a}, the alert this context is for. */
    public String alertId(io.trailhawk.rules.output.Alert a) {
        return alertId != null ? alertId : AlertId.of(a);
    }

    /** No ruleset version, and an account known by its id alone. */
    public static AlertContext of(String accountId) {
        return new AlertContext(null, Account.unknown(accountId), null);
    }

    public Long rulesetVersion() {
        return rulesetVersion;
    }

    public Account account() {
        return account;
    }
}
