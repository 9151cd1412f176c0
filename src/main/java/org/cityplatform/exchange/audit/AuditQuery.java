package org.cityplatform.exchange.audit;

import org.cityplatform.exchange.infra.CityDays;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cityplatform.exchange.problem.EnumParameter;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;

/**
 * One search of the audit trail: the filters a caller gave, checked, as one parameterised statement.
 * Only the shape of the WHERE clause depends on which filters were given; every value travels as a
 * parameter. A blank filter is no filter.
 *
 * <p>The statement always ends in {@code ORDER BY id DESC LIMIT n}, served by the table's indexes
 * (V4, V11): the hash index on {@code subject} finds a person's rows, which are then sorted;
 * {@code (case_id, id)} gives case searches in id order within every monthly partition, and
 * {@code id} alone every other search. The other filters (agency among them: an index on it cost
 * every insert more than it saved these searches) narrow those scans, and {@code from}/{@code to}
 * also skip whole partitions.
 * Paging is by keyset ({@code id < before}): a deep page costs what the first one does.
 *
 * <p>{@code from} and {@code to} take a time with offset ({@code 2024-05-01T08:00:00+08:00}) or a
 * date ({@code 2024-05-01}), a date being a day of the city (Asia/Shanghai). The range is
 * half-open, {@code from <= at < to}: a date as {@code from} starts at that day's first instant, a
 * date as {@code to} ends with that day, so {@code from=2024-05-01&to=2024-05-01} is that whole day.
 */
public final class AuditQuery {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    // Java reads years PostgreSQL cannot store; such a bound would fail in the database instead of here.
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    static final String COLUMNS = "id, at, agency, sub, action, dataset, subject, count, cursor_from, cursor_to, "
            + "outcome, code, request_id, case_id, target_type, target_id";

    private final List<String> conditions = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();
    private int limit = DEFAULT_LIMIT;
    private Instant from;
    private Instant to;

    public AuditQuery agency(String value) {
        // Agency codes are stored as the token gave them, upper-cased (Callers).
        return equal("agency", upperCase(value));
    }

    public AuditQuery dataset(String value) {
        return equal("dataset", stripped(value));
    }

    /**
     * Events about a subject key (keys are kept in their canonical, upper-case form): the reads that
     * named it, and the bulk reads that carried it (Art. 31, docs/audit.md "Bulk reads"), i.e. the
     * change pages whose keys hold it and the exports whose snapshot held it (V22). Each part has an
     * index: the hash index on subject, the GIN index on keys, and the exports' own index by dataset,
     * searched for the datasets that ever stored the key, whose snapshots are then checked one by one
     * against the key's lifetimes. Both functions are wrapped in a sub-select so that PostgreSQL runs
     * them once for the search rather than once for every row it rechecks.
     */
    public AuditQuery subject(String value) {
        String key = upperCase(value);
        return key == null ? this : condition("(subject = $%1$d OR keys @> ARRAY[$%1$d]::text[] "
                + "OR (snapshot IS NOT NULL AND dataset = ANY((SELECT bulk_read_datasets($%1$d))::text[]) "
                + "AND bulk_read_carried(dataset, $%1$d, (SELECT bulk_read_lifetimes($%1$d)), snapshot)))", key);
    }

    public AuditQuery action(String value) {
        AuditAction action = EnumParameter.parse(AuditAction.class, "action", value);
        return equal("action", action == null ? null : action.name());
    }

    public AuditQuery outcome(String value) {
        AuditOutcome outcome = EnumParameter.parse(AuditOutcome.class, "outcome", value);
        return equal("outcome", outcome == null ? null : outcome.name());
    }

    public AuditQuery requestId(String value) {
        return equal("request_id", stripped(value));
    }

    /** What a management event acted on: its type, and its id when given too. */
    public AuditQuery target(String type, String id) {
        String wanted = stripped(type);
        if (wanted != null && !AuditTarget.TYPES.contains(wanted)) {
            // A misspelt type ("orders", "Order") would answer "no history" for an order that has one.
            throw new ProblemException(ProblemCode.INVALID_REQUEST, "targetType: '"
                    + (wanted.length() > 64 ? wanted.substring(0, 64) + "…" : wanted) + "' is not one of "
                    + String.join(", ", AuditTarget.TYPES));
        }
        equal("target_type", wanted);
        return equal("target_id", stripped(id));
    }

    public AuditQuery caseId(String value) {
        return equal("case_id", stripped(value));
    }

    public AuditQuery from(String value) {
        from = time("from", value, false);
        if (from != null) {
            inRange();
            condition("at >= $%d", OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
        }
        return this;
    }

    public AuditQuery to(String value) {
        to = time("to", value, true);
        if (to != null) {
            inRange();
            condition("at < $%d", OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
        }
        return this;
    }

    /** Events older than this one: the {@code next} of the previous page. */
    public AuditQuery before(String value) {
        String text = stripped(value);
        if (text == null) {
            return this;
        }
        long id;
        try {
            id = Long.parseLong(text);
        } catch (NumberFormatException e) {
            id = 0;
        }
        if (id <= 0) {
            throw new ProblemException(ProblemCode.INVALID_REQUEST,
                    "before: must be an event id (a positive whole number, the 'next' of a page), got '" + value + "'");
        }
        return condition("id < $%d", id);
    }

    public AuditQuery limit(String value) {
        String text = stripped(value);
        if (text == null) {
            return this;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= MAX_LIMIT) {
                limit = n;
                return this;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ProblemException(ProblemCode.INVALID_REQUEST,
                "limit: must be a whole number from 1 to " + MAX_LIMIT + ", got '" + value + "'");
    }

    public int limit() {
        return limit;
    }

    /** One row more than the page holds: whether it comes back tells if there is a next page. */
    public String sql() {
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM audit_events");
        for (int i = 0; i < conditions.size(); i++) {
            sql.append(i == 0 ? " WHERE " : " AND ").append(conditions.get(i));
        }
        return sql.append(" ORDER BY id DESC LIMIT $").append(values.size() + 1).toString();
    }

    /** The values of {@link #sql()}'s parameters, in order. */
    public List<Object> parameters() {
        List<Object> all = new ArrayList<>(values);
        all.add(limit + 1);
        return all;
    }

    private AuditQuery equal(String column, String value) {
        return value == null ? this : condition(column + " = $%d", value);
    }

    /** Adds a condition whose every {@code %1$d} is the value's parameter. */
    private AuditQuery condition(String template, Object value) {
        values.add(value);
        conditions.add(template.formatted(values.size()));
        return this;
    }

    private void inRange() {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new ProblemException(ProblemCode.INVALID_REQUEST,
                    "from: must be before to (the range is from <= at < to; a date as 'to' includes that day)");
        }
    }

    private static Instant time(String parameter, String value, boolean endOfDay) {
        String text = stripped(value);
        if (text == null) {
            return null;
        }
        // An unencoded '+' of an offset arrives as a space; nothing else in these values may be one.
        text = text.replace(' ', '+');
        Instant at = null;
        try {
            at = text.length() == 10
                    ? (endOfDay ? LocalDate.parse(text).plusDays(1) : LocalDate.parse(text)).atStartOfDay(CityDays.ZONE).toInstant()
                    : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            // answered below
        }
        if (at == null || at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
            throw new ProblemException(ProblemCode.INVALID_REQUEST, parameter + ": '" + value
                    + "' is neither a date (2024-05-01, a day in Asia/Shanghai) nor a time with offset "
                    + "(2024-05-01T08:00:00+08:00) between the years 1 and 9999");
        }
        return at;
    }

    private static String upperCase(String value) {
        String text = stripped(value);
        return text == null ? null : text.toUpperCase(Locale.ROOT);
    }

    private static String stripped(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
