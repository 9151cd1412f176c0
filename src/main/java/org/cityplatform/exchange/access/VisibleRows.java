package org.cityplatform.exchange.access;

import java.util.Map;
import org.cityplatform.exchange.security.Caller;
import org.cityplatform.exchange.security.Role;

/**
 * Which applications and grants a caller may list: the center all of them; an agency those it
 * holds as consumer and those on the datasets it provides.
 */
final class VisibleRows {

    private VisibleRows() {
    }

    /** The start of a query's where clause for the caller; adds its parameters to {@code params}. */
    static StringBuilder of(Caller caller, Map<String, Object> params) {
        StringBuilder where = new StringBuilder("1 = 1");
        if (!caller.isCenter()) {
            caller.require(Role.AGENCY);
            where.append(" and (consumer = :me or dataset in (select d.code from Dataset d where d.provider = :me))");
            params.put("me", caller.agency());
        }
        return where;
    }
}
