package io.kustos.cluster.embedded;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The discovery documents (legacy, not aggregated) and {@code /version}, so that kubectl and
 * fabric8 find the served resources: {@code /api}, {@code /api/v1}, {@code /apis},
 * {@code /apis/<group>}, {@code /apis/<group>/<version>}.
 */
final class Discovery {

    private final ResourceCatalog catalog;
    private final Supplier<String> serverAddress;

    Discovery(ResourceCatalog catalog, Supplier<String> serverAddress) {
        this.catalog = catalog;
        this.serverAddress = serverAddress;
    }

    /** The document for a discovery path, or empty if the path is not one. */
    Optional<ObjectNode> document(String path) {
        String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        if (p.equals("/version")) {
            return Optional.of(version());
        }
        if (p.equals("/api")) {
            return Optional.of(coreVersions());
        }
        if (p.equals("/apis")) {
            return Optional.of(groupList());
        }
        String[] s = p.substring(1).split("/");
        if (s.length == 2 && s[0].equals("api")) {
            return resourceList("", s[1]);
        }
        if (s.length == 2 && s[0].equals("apis")) {
            return group(s[1]);
        }
        if (s.length == 3 && s[0].equals("apis")) {
            return resourceList(s[1], s[2]);
        }
        return Optional.empty();
    }

    private ObjectNode version() {
        ObjectNode v = Json.object();
        v.put("major", "1");
        v.put("minor", "20");
        v.put("gitVersion", "v1.20.2+kustos-embedded");
        v.put("gitCommit", "0000000000000000000000000000000000000000");
        v.put("gitTreeState", "clean");
        v.put("buildDate", "2021-01-13T13:20:00Z");
        v.put("goVersion", "go1.15.5");
        v.put("compiler", "gc");
        v.put("platform", "linux/amd64");
        return v;
    }

    private ObjectNode coreVersions() {
        ObjectNode n = Json.object();
        n.put("kind", "APIVersions");
        n.putArray("versions").add("v1");
        ObjectNode cidr = n.putArray("serverAddressByClientCIDRs").addObject();
        cidr.put("clientCIDR", "0.0.0.0/0");
        cidr.put("serverAddress", serverAddress.get());
        return n;
    }

    private ObjectNode groupList() {
        ObjectNode n = Json.object();
        n.put("kind", "APIGroupList");
        n.put("apiVersion", "v1");
        ArrayNode groups = n.putArray("groups");
        for (Map.Entry<String, Set<String>> e : catalog.groupVersions().entrySet()) {
            if (!e.getKey().isEmpty()) {
                groups.add(groupNode(e.getKey(), e.getValue()));
            }
        }
        return n;
    }

    private Optional<ObjectNode> group(String name) {
        Set<String> versions = catalog.groupVersions().get(name);
        if (versions == null || name.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode n = groupNode(name, versions);
        n.put("kind", "APIGroup");
        n.put("apiVersion", "v1");
        return Optional.of(n);
    }

    private static ObjectNode groupNode(String name, Set<String> versions) {
        ObjectNode g = Json.object();
        g.put("name", name);
        ArrayNode list = g.putArray("versions");
        for (String v : versions) {
            ObjectNode gv = list.addObject();
            gv.put("groupVersion", name + "/" + v);
            gv.put("version", v);
        }
        String preferred = versions.iterator().next();
        ObjectNode pv = g.putObject("preferredVersion");
        pv.put("groupVersion", name + "/" + preferred);
        pv.put("version", preferred);
        return g;
    }

    private Optional<ObjectNode> resourceList(String group, String version) {
        List<ResourceType> types = catalog.inGroupVersion(group, version);
        if (types.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode n = Json.object();
        n.put("kind", "APIResourceList");
        n.put("apiVersion", "v1");
        n.put("groupVersion", types.get(0).apiVersion());
        ArrayNode resources = n.putArray("resources");
        for (ResourceType t : types) {
            ObjectNode r = resources.addObject();
            r.put("name", t.plural());
            r.put("singularName", t.singular());
            r.put("namespaced", t.namespaced());
            r.put("kind", t.kind());
            ArrayNode verbs = r.putArray("verbs");
            ResourceType.VERBS.forEach(verbs::add);
            if (!t.shortNames().isEmpty()) {
                ArrayNode shorts = r.putArray("shortNames");
                t.shortNames().forEach(shorts::add);
            }
            for (String sub : t.subresources()) {
                ObjectNode s = resources.addObject();
                s.put("name", t.plural() + "/" + sub);
                s.put("singularName", "");
                s.put("namespaced", t.namespaced());
                if (sub.equals("scale")) {
                    s.put("group", "autoscaling");
                    s.put("version", "v1");
                    s.put("kind", "Scale");
                } else {
                    s.put("kind", t.kind());
                }
                s.putArray("verbs").add("get").add("patch").add("update");
            }
        }
        return Optional.of(n);
    }
}
