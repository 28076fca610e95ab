package io.kustos.decrypt.sops;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The file formats sops stores, each with its place for the {@code sops} block: a nested
 * {@code sops:} key in every YAML document and in JSON; {@code sops_}-prefixed flat keys in
 * dotenv; a {@code [sops]} section of flat keys in INI. Binary files are stored as JSON with one
 * {@code data} key.
 */
public enum SopsFormat {
    YAML, JSON, DOTENV, INI, BINARY;

    private static final String SOPS = "sops";

    /** By extension: .yaml/.yml, .json, .env, .ini, otherwise binary (as sops chooses). */
    public static SopsFormat forFile(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".yaml") || n.endsWith(".yml")) {
            return YAML;
        }
        if (n.endsWith(".json")) {
            return JSON;
        }
        if (n.endsWith(".env")) {
            return DOTENV;
        }
        if (n.endsWith(".ini")) {
            return INI;
        }
        return BINARY;
    }

    /** yaml, json, dotenv, ini or binary. */
    public static SopsFormat named(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** The documents of a plaintext file. */
    public List<Branch> readPlain(byte[] in, String file) {
        return switch (this) {
            case YAML -> YamlReader.read(in, file);
            case JSON -> List.of(JsonCodec.read(in, file));
            case DOTENV -> List.of(DotenvCodec.read(in, file));
            case INI -> List.of(IniCodec.read(in, file));
            case BINARY -> {
                Branch b = new Branch();
                try {
                    b.put("data", StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(in)).toString());
                } catch (CharacterCodingException e) {
                    b.put("data", in.clone());
                }
                yield List.of(b);
            }
        };
    }

    /** A plaintext file from documents. */
    public byte[] writePlain(List<Branch> docs, String file) {
        return switch (this) {
            case YAML -> YamlWriter.write(docs);
            case JSON -> JsonCodec.write(single(docs, file));
            case DOTENV -> DotenvCodec.write(single(docs, file), file);
            case INI -> IniCodec.write(single(docs, file), file);
            case BINARY -> {
                Object data = single(docs, file).get("data");
                if (data instanceof byte[] b) {
                    yield b;
                }
                if (!(data instanceof String s)) {
                    throw new SopsException(file, "data", SopsException.Kind.FORMAT, "a binary file needs one string value named data");
                }
                yield s.getBytes(StandardCharsets.UTF_8);
            }
        };
    }

    /** The parsed encrypted file: its documents without the sops block, and the block (nested form). */
    public record Parsed(List<Branch> documents, Branch sops) {
    }

    public Parsed readEncrypted(byte[] in, String file) {
        List<Branch> docs = this == BINARY ? JSON.readPlain(in, file) : readPlain(in, file);
        Branch sops = switch (this) {
            case DOTENV -> {
                Map<String, String> flat = new LinkedHashMap<>();
                for (Branch.Entry e : new ArrayList<>(docs.get(0).entries())) {
                    if (e.key() instanceof String k && k.startsWith(SOPS + "_")) {
                        flat.put(k.substring(SOPS.length() + 1), MetadataCodec.scalar(e.value()));
                        docs.get(0).entries().remove(e);
                    }
                }
                yield flat.isEmpty() ? null : Flattening.unflatten(flat);
            }
            case INI -> {
                Object section = docs.get(0).get(SOPS);
                docs.get(0).remove(SOPS);
                if (!(section instanceof Branch b)) {
                    yield null;
                }
                Map<String, String> flat = new LinkedHashMap<>();
                for (Branch.Entry e : b.entries()) {
                    if (e.key() instanceof String k) {
                        flat.put(k, MetadataCodec.scalar(e.value()).replace("\\n", "\n"));
                    }
                }
                yield Flattening.unflatten(flat);
            }
            default -> {
                Object first = docs.isEmpty() ? null : docs.get(0).get(SOPS);
                docs.forEach(d -> d.remove(SOPS));
                if (first != null && !(first instanceof Branch)) {
                    throw new SopsException(file, SOPS, SopsException.Kind.FORMAT, "the sops entry is not a mapping");
                }
                yield (Branch) first;
            }
        };
        if (sops == null) {
            throw new SopsException(file, SOPS, SopsException.Kind.FORMAT,
                    "no sops metadata found (the file is not SOPS-encrypted, or it is truncated)");
        }
        return new Parsed(docs, sops);
    }

    /** An encrypted file: the documents with the sops block placed as this format places it. */
    public byte[] writeEncrypted(List<Branch> docs, Branch sops, String file) {
        for (Branch d : docs) {
            if (d.has(SOPS) || (this == DOTENV && d.entries().stream().anyMatch(
                    e -> e.key() instanceof String k && k.startsWith(SOPS + "_")))) {
                throw new SopsException(file, SOPS, SopsException.Kind.FORMAT, "the key sops is reserved for the SOPS metadata");
            }
        }
        List<Branch> out = new ArrayList<>();
        for (Branch d : docs) {
            Branch copy = new Branch();
            copy.entries().addAll(d.entries());
            switch (this) {
                case DOTENV -> Flattening.flatten(sops).forEach((k, v) -> copy.put(SOPS + "_" + k, v));
                case INI -> {
                    Branch section = new Branch();
                    Flattening.flatten(sops).forEach((k, v) -> section.put(k, v.replace("\n", "\\n")));
                    copy.put(SOPS, section);
                }
                default -> copy.put(SOPS, sops);
            }
            out.add(copy);
        }
        return (this == BINARY ? JSON : this).writePlain(out, file);
    }

    private static Branch single(List<Branch> docs, String file) {
        if (docs.size() != 1) {
            throw new SopsException(file, "", SopsException.Kind.FORMAT, "this format holds exactly one document, not " + docs.size());
        }
        return docs.get(0);
    }
}
