package org.cityplatform.exchange.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * One field of a dataset with the definition of its values (Art. 3, 33). {@code element} names the
 * city-wide data element it carries, which has exactly one source (Art. 4(1), 12).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldDefinition(
        @NotBlank @Pattern(regexp = "[A-Za-z_][A-Za-z0-9_]{0,63}",
                message = "must start with a letter or underscore and hold at most 64 letters, digits or underscores")
        String name,
        @NotNull FieldType type,
        Boolean required,
        Boolean sensitive,
        @Size(max = 128) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}",
                message = "must be letters, digits and _ . : - starting with a letter or digit")
        String element,
        @Size(max = 2000) String description) {

    /** Absent flags mean false: an optional, non-sensitive field. */
    public FieldDefinition {
        required = Boolean.TRUE.equals(required);
        sensitive = Boolean.TRUE.equals(sensitive);
    }

    public boolean isRequired() {
        return required;
    }

    public boolean isSensitive() {
        return sensitive;
    }
}
