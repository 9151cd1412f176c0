package org.cityplatform.exchange.records;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import org.cityplatform.exchange.audit.AuditAction;
import org.cityplatform.exchange.objections.OpenObjections;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cityplatform.exchange.access.DataUse;
import org.cityplatform.exchange.access.GrantScope;
import org.cityplatform.exchange.access.ReadAccess;
import org.cityplatform.exchange.access.ReadDecision;
import org.cityplatform.exchange.catalog.CatalogDirectory;
import org.cityplatform.exchange.catalog.CatalogEntry;
import org.cityplatform.exchange.identity.InvalidKeyException;
import org.cityplatform.exchange.identity.SubjectKeys;
import org.cityplatform.exchange.pipeline.DataRequest;
import org.cityplatform.exchange.pipeline.DataRequests;
import org.cityplatform.exchange.pipeline.Served;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.security.Caller;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * One subject across every dataset the caller may read: what an agency confirms electronically
 * instead of asking the citizen again (Art. 22). Each record is projected by its own grant.
 */
@Path("/api/v1/subjects")
@Authenticated
@Tag(name = "Subjects", description = "One person, company or object across datasets (Art. 22)")
public class SubjectResource {

    // One row per (dataset, key): a key's canonical form can differ between subject types.
    private static final String SELECT = "SELECT r.dataset_id, r.data::text, r.version, r.updated_at FROM records r "
            + "JOIN unnest($1::integer[], $2::text[]) AS t(d, k) ON r.dataset_id = t.d AND r.key = t.k WHERE NOT r.deleted";
    // Refusals about the caller itself, not about one dataset: the whole lookup is refused.
    private static final Set<ProblemCode> CALLER_REFUSALS =
            Set.of(ProblemCode.FORBIDDEN_ROLE, ProblemCode.UNKNOWN_AGENCY, ProblemCode.AGREEMENT_REQUIRED);

    private final DataRequests requests;
    private final CatalogDirectory catalog;
    private final ReadAccess access;
    private final Pool pool;
    private final OpenObjections objections;

    SubjectResource(DataRequests requests, CatalogDirectory catalog, ReadAccess access, Pool pool,
                    OpenObjections objections) {
        this.requests = requests;
        this.objections = objections;
        this.catalog = catalog;
        this.access = access;
        this.pool = pool;
    }

    private record Readable(CatalogEntry dataset, String key, ReadDecision.Allowed allowed) {
    }

    @GET
    @Path("/{key}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every current record of one subject in the datasets the caller may read",
            description = "The key in any accepted form. Problems: 400 INVALID_KEY, 403 AGREEMENT_REQUIRED, "
                    + "403 FORBIDDEN_ROLE, 403 UNKNOWN_AGENCY, 429 RATE_LIMITED (over the agency's quota, with Retry-After).")
    public Uni<Response> lookup(@PathParam("key") String rawKey, @HeaderParam(DataUse.HEADER) String useHeader,
                                @Context HttpServerRequest request) {
        DataRequest call = requests.onResource(request, AuditAction.SUBJECT_LOOKUP, null).about(rawKey);
        // Art. 31: "who looked this person up", answered or refused.
        return call.audited(() -> {
                    DataUse use = DataUse.ofHeader(useHeader);
                    String key = SubjectKeys.canonicalAnyType(rawKey);
                    call.about(key);
                    return call.admit(admitted -> catalog.active().flatMap(datasets -> readable(admitted, datasets, rawKey, use)))
                            .flatMap(readable -> fetch(key, readable));
                }, body -> Served.UNCOUNTED)
                .map(body -> Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build());
    }

    private Uni<List<Readable>> readable(Caller caller, List<CatalogEntry> datasets, String rawKey, DataUse use) {
        List<Uni<Readable>> decisions = new ArrayList<>();
        for (CatalogEntry dataset : datasets) {
            String key;
            try {
                key = SubjectKeys.canonical(dataset.subjectType(), rawKey);
            } catch (InvalidKeyException notThisKind) {
                continue; // a person's number is no key of a company register
            }
            decisions.add(access.decision(caller, dataset, use, GrantScope.LOOKUP).map(decision -> {
                if (decision instanceof ReadDecision.Refused refused) {
                    if (CALLER_REFUSALS.contains(refused.code())) {
                        throw refused.asProblem();
                    }
                    return null;
                }
                return new Readable(dataset, key, (ReadDecision.Allowed) decision);
            }));
        }
        if (decisions.isEmpty()) {
            return access.requireReader(caller).replaceWith(List.of());
        }
        return Uni.join().all(decisions).andFailFast()
                .map(all -> all.stream().filter(r -> r != null).toList());
    }

    private Uni<String> fetch(String key, List<Readable> readable) {
        if (readable.isEmpty()) {
            return Uni.createFrom().item(body(key, List.of()));
        }
        Map<Integer, Readable> byId = new HashMap<>();
        readable.forEach(r -> byId.put(r.dataset().id(), r));
        Integer[] ids = readable.stream().map(r -> r.dataset().id()).toArray(Integer[]::new);
        String[] keys = readable.stream().map(Readable::key).toArray(String[]::new);
        return pool.preparedQuery(SELECT).execute(Tuple.of(ids, keys)).map(rows -> {
            List<JsonObject> records = new ArrayList<>();
            for (Row row : rows) {
                Readable r = byId.get(row.getInteger(0));
                JsonObject data = new JsonObject(row.getString(1));
                if (!r.allowed().whole()) {
                    data.fieldNames().removeIf(field -> !r.allowed().fields().contains(field));
                }
                JsonObject record = new JsonObject().put("dataset", r.dataset().code()).put("data", data)
                        .put("version", row.getLong(2)).put("updatedAt", row.getOffsetDateTime(3).toString());
                OpenObjections.Mark disputed = objections.of(r.dataset().code(), r.key());
                if (disputed != null) {
                    record.put("objection", new JsonObject().put("id", disputed.id()).put("status", disputed.status()));
                }
                records.add(record);
            }
            records.sort((a, b) -> a.getString("dataset").compareTo(b.getString("dataset")));
            return body(key, records);
        });
    }

    private static String body(String key, List<JsonObject> records) {
        return new JsonObject().put("key", key).put("records", records).encode();
    }
}
