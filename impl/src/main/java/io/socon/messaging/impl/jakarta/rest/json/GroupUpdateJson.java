package io.socon.messaging.impl.jakarta.rest.json;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a group change did (a {@code groupUpdated} message).
 *
 * @param added inbox ids added
 * @param removed inbox ids removed or that left
 * @param by the inbox that made the change, if known
 * @param name the group's new name, if it was renamed
 */
@Schema(name = "GroupUpdate")
@JsonbPropertyOrder({"added", "removed", "by", "name"})
public record GroupUpdateJson(List<String> added, List<String> removed, String by, String name) {
}
