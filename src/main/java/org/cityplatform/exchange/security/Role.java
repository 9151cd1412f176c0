package org.cityplatform.exchange.security;

import java.util.Optional;

/** The token groups the platform knows (docs/api.md, "Identity"). */
public enum Role {
    /** The Big Data Management Center: runs the catalog, approves, reviews, assesses (Art. 3). */
    CENTER,
    /** An agency system: provider of its own datasets, consumer of others'. */
    AGENCY,
    /** Operations staff: health, metrics and capacity, never record contents. */
    OPS;

    public static Optional<Role> ofGroup(String group) {
        return switch (group) {
            case "center" -> Optional.of(CENTER);
            case "agency" -> Optional.of(AGENCY);
            case "ops" -> Optional.of(OPS);
            default -> Optional.empty();
        };
    }
}
