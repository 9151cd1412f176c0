package org.cityplatform.exchange.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * One field of a dataset with the definition of its values (Art. 3, 33). {@code element} names the
 * city-wide data element it carries, which has exactly one source (Art. 4(1), 12). A
 * {@code deprecated} field may be left out of pushes and is still shown on reads; {@code default}
 * is the value records stored before the field became required were given (docs/catalog.md).
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
        @Size(max = 2000) String description,
        Boolean deprecated,
        @JsonProperty("default") JsonNode defaultValue) {

    /** Absent flags mean false: an optional, non-sensitive, current field. */
    public FieldDefinition {
        required = Boolean.TRUE.equals(required);
        sensitive = Boolean.TRUE.equals(sensitive);
        deprecated = Boolean.TRUE.equals(deprecated) ? Boolean.TRUE : null;
    }

    /** A field as registered: no default, not deprecated. */
    public FieldDefinition(String name, FieldType type, Boolean required, Boolean sensitive, String element,
                           String description) {
        this(name, type, required, sensitive, element, description, null, null);
    }

    /** Whether a push must carry it: required, and not deprecated. */
    public boolean mustBePushed() {
        return required && !isDeprecated();
    }

    public boolean isDeprecated() {
        return Boolean.TRUE.equals(deprecated);
    }

    public boolean isRequired() {
        return required;
    }

    public boolean isSensitive() {
        return sensitive;
    }
}
