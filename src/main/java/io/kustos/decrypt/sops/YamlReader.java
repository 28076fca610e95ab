package io.kustos.decrypt.sops;

import org.yaml.snakeyaml.LoaderOptions;
import io.kustos.text.StrictYamlFactory;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.resolver.Resolver;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads YAML (several documents) into {@link Branch}es as sops's YAML store does: keys in order,
 * scalars typed as go-yaml v3 types them, and every comment line kept as a {@link Comment} in the
 * mapping or list whose entries it is indented with. A comment at the end of a value's line is an
 * inline comment placed before that entry.
 */
final class YamlReader {
    private static final Pattern DOC_MARKER = Pattern.compile("^(---|\\.\\.\\.)(\\s.*)?$");
    private static final Pattern AFTER_VALUE = Pattern.compile("^\\s+#(.*)$");
    private static final Pattern AFTER_KEY = Pattern.compile("^\\s*:\\s*#(.*)$");

    /** Where a mapping or list sits in the text, and its entries and comments by line. */
    private static final class Info {
        final Object container;
        final int from;
        final int to;
        final int column;
        final List<Placed> items = new ArrayList<>();
        final List<Info> children = new ArrayList<>();

        Info(Object container, int from, int to, int column) {
            this.container = container;
            this.from = from;
            this.to = to;
            this.column = column;
        }
    }

    private record Placed(int line, int rank, Object item) {
    }

    private final String file;
    private String[] lines;
    private BitSet insideScalars;

    private YamlReader(String file) {
        this.file = file;
    }

    static List<Branch> read(byte[] in, String file) {
        String text = new String(in, java.nio.charset.StandardCharsets.UTF_8);
        if (text.startsWith("\ufeff")) {
            text = text.substring(1);
        }
        String[] all = text.split("\n", -1);
        List<Branch> docs = new ArrayList<>();
        List<String> chunk = new ArrayList<>();
        for (String line : all) {
            if (DOC_MARKER.matcher(stripCr(line)).matches()) {
                new YamlReader(file).document(chunk).ifPresent(docs::add);
                chunk = new ArrayList<>();
            } else {
                chunk.add(line);
            }
        }
        new YamlReader(file).document(chunk).ifPresent(docs::add);
        return docs;
    }

    private java.util.Optional<Branch> document(List<String> chunk) {
        lines = chunk.toArray(String[]::new);
        if (chunk.stream().allMatch(String::isBlank)) {
            return java.util.Optional.empty();
        }
        LoaderOptions options = StrictYamlFactory.limits();
        Node root;
        try {
            root = new Composer(StrictYamlFactory.snakeParser(String.join("\n", chunk), options), new Resolver(), options).getSingleNode();
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark();
            throw new SopsException(file, "", SopsException.Kind.FORMAT, "malformed YAML"
                    + (m == null ? "" : " at line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1))
                    + (e.getProblem() == null ? "" : ": " + e.getProblem()));
        } catch (YAMLException e) {
            throw new SopsException(file, "", SopsException.Kind.FORMAT, "malformed YAML" + reason(e));
        }
        insideScalars = new BitSet();
        Branch doc = new Branch();
        Info top = new Info(doc, 0, lines.length, 0);
        if (root instanceof MappingNode m) {
            mapping(m, top, "");
        } else if (root != null && !(root instanceof ScalarNode s && s.getValue().isEmpty())) {
            throw new SopsException(file, "", SopsException.Kind.FORMAT, "a YAML document must be a mapping");
        }
        placeComments(top);
        materialize(top);
        return java.util.Optional.of(doc);
    }

    private void mapping(MappingNode node, Info info, String path) {
        Branch b = (Branch) info.container;
        Set<String> seen = new HashSet<>();
        for (NodeTuple t : node.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode keyNode)) {
                throw new SopsException(file, path, SopsException.Kind.FORMAT, "only scalar mapping keys are supported");
            }
            String key = keyNode.getValue();
            String at = path.isEmpty() ? key : path + ":" + key;
            if (!seen.add(key)) {
                throw new SopsException(file, at, SopsException.Kind.FORMAT, "duplicate key");
            }
            int line = keyNode.getStartMark().getLine();
            Node v = t.getValueNode();
            if (v instanceof ScalarNode sv) {
                inlineComment(sv.getEndMark(), AFTER_VALUE, true).ifPresent(c -> info.items.add(new Placed(line, 0, c)));
            } else {
                inlineComment(keyNode.getEndMark(), AFTER_KEY, false).ifPresent(c -> info.items.add(new Placed(line, 0, c)));
            }
            var entry = new Branch.Entry(key, value(v, info, line + 1, at));
            info.items.add(new Placed(line, 1, entry));
        }
    }

    private Object value(Node v, Info parent, int from, String path) {
        if (v instanceof MappingNode m) {
            Branch b = new Branch();
            Info child = new Info(b, Math.min(from, m.getStartMark().getLine()), m.getEndMark().getLine(), m.getStartMark().getColumn());
            parent.children.add(child);
            mapping(m, child, path);
            return b;
        }
        if (v instanceof SequenceNode s) {
            List<Object> list = new ArrayList<>();
            Info child = new Info(list, Math.min(from, s.getStartMark().getLine()), s.getEndMark().getLine(), s.getStartMark().getColumn());
            parent.children.add(child);
            for (Node item : s.getValue()) {
                int line = item.getStartMark().getLine();
                if (item instanceof ScalarNode si) {
                    inlineComment(si.getEndMark(), AFTER_VALUE, true).ifPresent(c -> child.items.add(new Placed(line, 0, c)));
                }
                child.items.add(new Placed(line, 1, value(item, child, line, path)));
            }
            return list;
        }
        ScalarNode s = (ScalarNode) v;
        int start = s.getStartMark().getLine();
        int end = s.getEndMark().getLine();
        if (end > start) {
            insideScalars.set(start + 1, s.getEndMark().getColumn() > 0 ? end + 1 : end);
        }
        return YamlScalars.value(s);
    }

    /**
     * Why SnakeYAML refused a document that it could not point into (too many aliases, too deep, too
     * long): its message cut to the first line, with anything quoted left out (it could be a value).
     */
    private static String reason(YAMLException e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return "";
        }
        int nl = message.indexOf('\n');
        return ": " + (nl < 0 ? message : message.substring(0, nl)).replaceAll("'[^']*'", "'…'").replaceAll("\"[^\"]*\"", "\"…\"").strip();
    }

    private java.util.Optional<Comment> inlineComment(Mark end, Pattern pattern, boolean inline) {
        int line = end.getLine();
        if (line >= lines.length) {
            return java.util.Optional.empty();
        }
        String rest = stripCr(lines[line]);
        if (end.getColumn() > rest.length()) {
            return java.util.Optional.empty();
        }
        Matcher m = pattern.matcher(rest.substring(end.getColumn()));
        return m.matches() ? java.util.Optional.of(new Comment(m.group(1).stripTrailing(), inline)) : java.util.Optional.empty();
    }

    private void placeComments(Info top) {
        for (int i = 0; i < lines.length; i++) {
            String line = stripCr(lines[i]);
            String body = line.stripLeading();
            if (body.startsWith("#") && !insideScalars.get(i)) {
                int column = line.length() - body.length();
                Info target = top;
                boolean deeper = true;
                while (deeper) {
                    deeper = false;
                    for (Info c : target.children) {
                        if (c.from <= i && i <= c.to && column >= c.column) {
                            target = c;
                            deeper = true;
                            break;
                        }
                    }
                }
                target.items.add(new Placed(i, -1, new Comment(body.substring(1).stripTrailing(), false)));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void materialize(Info info) {
        info.items.sort(Comparator.comparingInt(Placed::line).thenComparingInt(Placed::rank));
        if (info.container instanceof Branch b) {
            for (Placed p : info.items) {
                b.entries().add(p.item() instanceof Comment c ? new Branch.Entry(c, null) : (Branch.Entry) p.item());
            }
        } else {
            ((List<Object>) info.container).addAll(info.items.stream().map(Placed::item).toList());
        }
        info.children.forEach(YamlReader::materialize);
    }

    private static String stripCr(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
