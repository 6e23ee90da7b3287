package dev.qube.internal.format;

import dev.qube.Qube;
import dev.qube.internal.Access;
import dev.qube.internal.Store;
import dev.qube.internal.Text;
import dev.qube.internal.Walks;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One self-contained HTML page (inline CSS and a few lines of script, nothing fetched) showing the
 * canonical tree as nested {@code <details>} elements: each node's key, its values (a long list is
 * shown in full inside its own collapsible element) and the exact number of identifiers below it.
 * Chains of single children are collapsible like any node. Everything from the qube is
 * HTML-escaped. Write only.
 */
final class HtmlFormat implements FormatWriter {

    /** Value lists longer than this are folded into their own collapsible element. */
    static final int SHORT_LIST = 12;

    private static final String STYLE = """
            body{font:14px/1.45 system-ui,sans-serif;margin:1.5em;color:#1d1d1f;background:#fff}
            h1{font-size:1.3em;margin:0 0 .3em}
            .stats{color:#555;margin-bottom:1em}
            .tools button{margin-right:.5em}
            ul.tree{list-style:none;padding-left:1.2em;margin:0;border-left:1px dotted #bbb}
            ul.tree.top{border-left:none;padding-left:0}
            summary{cursor:pointer}
            .leaf{padding-left:1.1em}
            .k{color:#0b5394;font-weight:600}
            .v{font-family:ui-monospace,monospace;color:#333}
            .n{color:#777;font-size:.9em;margin-left:.6em}
            .end{color:#a0522d;font-size:.85em;margin-left:.4em}
            details.values{display:inline-block;vertical-align:top}
            details.values>div{font-family:ui-monospace,monospace;max-width:60em;white-space:normal;word-break:break-all}
            """;

    private static final String SCRIPT = """
            function setAll(open){document.querySelectorAll('details.node').forEach(function(d){d.open=open;});}
            """;

    @Override
    public void write(Qube qube, OutputStream out) throws IOException {
        Store s = Access.store(qube);
        int root = Access.root(qube);
        s.checkOpen();
        Map<Integer, BigInteger> counts = counts(s, root);
        NumberFormat nf = NumberFormat.getIntegerInstance(Locale.ROOT);
        nf.setGroupingUsed(true);
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        w.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>qube</title>\n<style>\n");
        w.write(STYLE);
        w.write("</style>\n<script>\n");
        w.write(SCRIPT);
        w.write("</script>\n</head>\n<body>\n<h1>qube</h1>\n<div class=\"stats\">");
        w.write(nf.format(counts.get(root)) + " identifiers, " + nf.format(qube.treeNodeCount()) + " tree nodes, "
                + nf.format(qube.nodeCount()) + " stored nodes, " + s.keyCount() + " keys");
        w.write("</div>\n<div class=\"tools\"><button type=\"button\" onclick=\"setAll(true)\">expand all</button>"
                + "<button type=\"button\" onclick=\"setAll(false)\">collapse all</button></div>\n");
        w.write("<ul class=\"tree top\">\n");
        children(s, root, counts, nf, w, 0);
        w.write("</ul>\n</body>\n</html>\n");
        w.flush();
    }

    private static void children(Store s, int node, Map<Integer, BigInteger> counts, NumberFormat nf, Writer w, int depth)
            throws IOException {
        int n = s.childCount(node);
        for (int i = 0; i < n; i++) {
            int c = s.child(node, i);
            w.write("<li>");
            boolean inner = s.childCount(c) > 0;
            if (inner) {
                w.write(depth == 0 ? "<details class=\"node\" open><summary>" : "<details class=\"node\"><summary>");
            } else {
                w.write("<div class=\"leaf\">");
            }
            label(s, c, w);
            w.write("<span class=\"n\">" + nf.format(counts.get(c)) + "</span>");
            if (inner && s.terminal(c)) {
                w.write("<span class=\"end\" title=\"identifiers also end at this node\">(ends here too)</span>");
            }
            if (inner) {
                w.write("</summary>\n<ul class=\"tree\">\n");
                children(s, c, counts, nf, w, depth + 1);
                w.write("</ul></details>");
            } else {
                w.write("</div>");
            }
            w.write("</li>\n");
        }
    }

    private static void label(Store s, int node, Writer w) throws IOException {
        w.write("<span class=\"k\">");
        w.write(escape(s.keyTextOf(node)));
        w.write("</span>=");
        List<String> values = s.values(s.valueSet(node));
        if (values.size() <= SHORT_LIST) {
            w.write("<span class=\"v\">");
            w.write(escape(joined(values, 0, values.size())));
            w.write("</span>");
            return;
        }
        w.write("<details class=\"values\"><summary class=\"v\">");
        w.write(escape(joined(values, 0, 3)) + "/… (" + values.size() + " values)");
        w.write("</summary><div>");
        w.write(escape(joined(values, 0, values.size())));
        w.write("</div></details>");
    }

    private static String joined(List<String> values, int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < to; i++) {
            if (i > from) {
                b.append('/');
            }
            b.append(Text.escape(values.get(i)));
        }
        return b.toString();
    }

    /** Identifiers through each node: its values times (1 if identifiers end there, plus those below). */
    private static Map<Integer, BigInteger> counts(Store s, int root) {
        Map<Integer, BigInteger> memo = new HashMap<>();
        for (int n : Walks.uniqueNodes(s, root)) {
            BigInteger below = s.key(n) >= 0 && s.terminal(n) ? BigInteger.ONE : BigInteger.ZERO;
            int k = s.childCount(n);
            for (int i = 0; i < k; i++) {
                below = below.add(memo.get(s.child(n, i)));
            }
            memo.put(n, s.key(n) < 0 ? below : below.multiply(BigInteger.valueOf(s.valueCount(s.valueSet(n)))));
        }
        return memo;
    }

    /** Escapes text for HTML element content and attribute values. */
    static String escape(String text) {
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String rep = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (rep != null && b == null) {
                b = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (b != null) {
                if (rep != null) {
                    b.append(rep);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? text : b.toString();
    }
}
