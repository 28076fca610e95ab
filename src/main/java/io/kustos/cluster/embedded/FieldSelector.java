package io.kustos.cluster.embedded;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A list's {@code fieldSelector} ({@code a=b,c!=d}), matched as the real API server matches it:
 * only the field labels a resource supports ({@code metadata.name}, {@code metadata.namespace},
 * and for core Events {@code involvedObject.uid} and the others {@code kubectl describe} uses),
 * each compared with the object's value (an absent field is ""). Another label is a 400, as on
 * the real server. fabric8's CRUD store knows only the metadata fields, so the selector is taken
 * out of the query it sees and applied here.
 */
final class FieldSelector {
    private static final Pattern PARAM = Pattern.compile("([?&])fieldSelector=([^&]*)");
    private static final Map<String, String> COMMON = Map.of("metadata.name", "/metadata/name",
            "metadata.namespace", "/metadata/namespace");
    /** kube-apiserver 1.20 pkg/registry/core/event/strategy.go: ToSelectableFields. */
    private static final Map<String, String> EVENT = Map.ofEntries(
            Map.entry("involvedObject.kind", "/involvedObject/kind"),
            Map.entry("involvedObject.namespace", "/involvedObject/namespace"),
            Map.entry("involvedObject.name", "/involvedObject/name"),
            Map.entry("involvedObject.uid", "/involvedObject/uid"),
            Map.entry("involvedObject.apiVersion", "/involvedObject/apiVersion"),
            Map.entry("involvedObject.resourceVersion", "/involvedObject/resourceVersion"),
            Map.entry("involvedObject.fieldPath", "/involvedObject/fieldPath"),
            Map.entry("reason", "/reason"),
            Map.entry("reportingComponent", "/reportingComponent"),
            Map.entry("source", "/source/component"),
            Map.entry("type", "/type"));
    private static final Map<String, String> SECRET = Map.of("type", "/type");

    private record Term(String pointer, boolean equal, String value) {
        boolean matches(JsonNode object) {
            JsonNode v = object.at(pointer);
            String actual = v.isMissingNode() || v.isNull() ? "" : v.asText();
            return actual.equals(value) == equal;
        }
    }

    private final List<Term> terms;

    private FieldSelector(List<Term> terms) {
        this.terms = terms;
    }

    /** The selector of {@code pathAndQuery} (none: matches everything). */
    static FieldSelector of(ResourceType type, String pathAndQuery) {
        Matcher m = PARAM.matcher(pathAndQuery);
        List<Term> terms = new ArrayList<>();
        if (m.find()) {
            String selector = URLDecoder.decode(m.group(2), StandardCharsets.UTF_8);
            for (String requirement : selector.split(",")) {
                if (!requirement.isBlank()) {
                    terms.add(term(type, requirement.trim()));
                }
            }
        }
        return new FieldSelector(terms);
    }

    /** {@code pathAndQuery} without its fieldSelector, for the CRUD store. */
    static String withoutSelector(String pathAndQuery) {
        String out = PARAM.matcher(pathAndQuery).replaceAll("$1").replace("?&", "?").replace("&&", "&");
        return out.endsWith("?") || out.endsWith("&") ? out.substring(0, out.length() - 1) : out;
    }

    boolean matches(JsonNode object) {
        return terms.stream().allMatch(t -> t.matches(object));
    }

    private static Term term(ResourceType type, String requirement) {
        int ne = requirement.indexOf("!=");
        int eq = requirement.indexOf('=');
        if (eq < 0) {
            throw ApiError.badRequest("invalid selector: '" + requirement + "'; can't understand '" + requirement + "'");
        }
        boolean equal = ne < 0 || ne + 1 != eq;
        String field = requirement.substring(0, equal ? eq : ne).trim();
        String value = requirement.substring(equal && requirement.startsWith("==", eq) ? eq + 2 : eq + 1).trim();
        String pointer = COMMON.get(field);
        if (pointer == null && type.group().isEmpty() && type.plural().equals("events")) {
            pointer = EVENT.get(field);
        }
        if (pointer == null && type.group().isEmpty() && type.plural().equals("secrets")) {
            pointer = SECRET.get(field);
        }
        if (pointer == null) {
            throw ApiError.badRequest("field label not supported: " + field);
        }
        return new Term(pointer, equal, value);
    }
}
