package com.betanet.marketplace.catalog.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The word lists of {@code catalog/demo/catalogue.txt}: product families and the category tree whose leaves sell
 * them.
 */
record CatalogueWords(Map<String, Family> families, List<Node> roots) {

    static final String RESOURCE = "/catalog/demo/catalogue.txt";

    /** What the products of a family are made of. */
    record Family(
            String name,
            long medianPrice,
            List<String> brands,
            List<String> models,
            List<String> adjectives,
            List<String> variants,
            List<String> colors,
            List<String> features,
            List<String> uses) {}

    /** A category; a leaf has a family, nouns and a median price. */
    record Node(
            String name,
            String slug,
            List<Node> children,
            @Nullable String family,
            List<String> nouns,
            @Nullable Long medianPrice) {

        boolean isLeaf() {
            return family != null;
        }
    }

    static CatalogueWords load() {
        try (var in = CatalogueWords.class.getResourceAsStream(RESOURCE)) {
            Objects.requireNonNull(in, RESOURCE);
            var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return parse(reader.lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CatalogueWords parse(List<String> lines) {
        var families = new LinkedHashMap<String, Family>();
        var roots = new ArrayList<Node>();
        var stack = new ArrayList<MutableNode>();
        var rootBuilders = new ArrayList<MutableNode>();
        String section = "";
        Map<String, String> fields = new LinkedHashMap<>();
        String familyName = null;
        for (var line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                if (familyName != null) {
                    families.put(familyName, family(familyName, fields));
                    familyName = null;
                }
                section = line.substring(1, line.indexOf(']')).trim();
                if (section.startsWith("family ")) {
                    familyName = section.substring("family ".length()).trim();
                    fields = new LinkedHashMap<>();
                }
                continue;
            }
            if (familyName != null) {
                int colon = line.indexOf(':');
                fields.put(
                        line.substring(0, colon).trim(),
                        line.substring(colon + 1).trim());
            } else if (section.equals("tree")) {
                int indent = line.length() - line.stripLeading().length();
                int depth = indent / 2;
                var node = node(line.strip());
                while (stack.size() > depth) {
                    stack.remove(stack.size() - 1);
                }
                if (depth == 0) {
                    rootBuilders.add(node);
                } else {
                    stack.get(depth - 1).children.add(node);
                }
                stack.add(node);
            }
        }
        if (familyName != null) {
            families.put(familyName, family(familyName, fields));
        }
        for (var builder : rootBuilders) {
            roots.add(builder.build());
        }
        return new CatalogueWords(families, roots);
    }

    /** Every leaf, depth first. */
    List<Node> leaves() {
        var leaves = new ArrayList<Node>();
        roots.forEach(root -> collectLeaves(root, leaves));
        return leaves;
    }

    private static void collectLeaves(Node node, List<Node> leaves) {
        if (node.isLeaf()) {
            leaves.add(node);
        }
        node.children().forEach(child -> collectLeaves(child, leaves));
    }

    private static Family family(String name, Map<String, String> fields) {
        return new Family(
                name,
                Long.parseLong(fields.get("price")),
                list(fields.get("brands")),
                list(fields.get("models")),
                list(fields.get("adjectives")),
                list(fields.get("variants")),
                list(fields.get("colors")),
                list(fields.get("features")),
                list(fields.get("uses")));
    }

    private static MutableNode node(String text) {
        int equals = text.indexOf('=');
        if (equals < 0) {
            return new MutableNode(text, null, List.of(), null);
        }
        var name = text.substring(0, equals).trim();
        var rest = text.substring(equals + 1).trim();
        Long price = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            price = Long.parseLong(rest.substring(at + 1).trim());
            rest = rest.substring(0, at).trim();
        }
        int colon = rest.indexOf(':');
        return new MutableNode(name, rest.substring(0, colon).trim(), list(rest.substring(colon + 1)), price);
    }

    private static List<String> list(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(";"))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** A URL slug: lower-case ASCII letters and digits separated by single hyphens. */
    static String slug(String name) {
        var ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return ascii.toLowerCase(Locale.ROOT)
                .replace("&", " and ")
                .replace("'", "")
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-|-$", "");
    }

    private static final class MutableNode {
        final String name;
        final @Nullable String family;
        final List<String> nouns;
        final @Nullable Long price;
        final List<MutableNode> children = new ArrayList<>();

        MutableNode(String name, @Nullable String family, List<String> nouns, @Nullable Long price) {
            this.name = name;
            this.family = family;
            this.nouns = nouns;
            this.price = price;
        }

        Node build() {
            return new Node(
                    name, slug(name), children.stream().map(MutableNode::build).toList(), family, nouns, price);
        }
    }
}
