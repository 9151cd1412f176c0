package org.cityplatform.exchange.access;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * The kind of read a grant allows (docs/access.md, "Scopes"): a grant given to check identities
 * does not let its holder take the whole dataset or follow its changes.
 */
public enum GrantScope {
    /** A record by key, and subject lookups. */
    LOOKUP,
    /** The change feed. */
    SYNC,
    /** Bulk export. */
    EXPORT;

    /** What an application or a designation that names no scope asks for. */
    public static final Set<GrantScope> DEFAULT = Set.of(LOOKUP);

    /** Every scope: duty reads of UNCONDITIONAL data, and grants given before scopes existed. */
    public static final Set<GrantScope> ALL = Set.copyOf(EnumSet.allOf(GrantScope.class));

    static Set<GrantScope> of(String[] stored) {
        EnumSet<GrantScope> scopes = EnumSet.noneOf(GrantScope.class);
        for (String s : stored) {
            scopes.add(valueOf(s));
        }
        return Set.copyOf(scopes);
    }

    /** The asked scopes in their stored form, in a stable order; the default when none are named. */
    static String[] stored(Collection<GrantScope> asked) {
        EnumSet<GrantScope> scopes = asked == null || asked.isEmpty() ? EnumSet.copyOf(DEFAULT) : EnumSet.copyOf(asked);
        return scopes.stream().map(Enum::name).toArray(String[]::new);
    }
}
