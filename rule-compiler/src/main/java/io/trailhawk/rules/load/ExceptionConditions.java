package io.trailhawk.rules.load;

import java.util.List;

/**
 * Turns a rule's exceptions into condition text exactly as Falco does, so that list names in values are expanded
 * and quoting behaves the same: {@code (COND) and not ((f1 = v1 and f2 = v2) or (...))}.
 */
public final class ExceptionConditions {
    private ExceptionConditions() {
    }

    public static PositionedText apply(PositionedText condition, List<ExceptionInfo> exceptions) {
        if (exceptions.isEmpty()) {
            return condition;
        }
        PositionedText cond = condition.parenthesised();
        for (ExceptionInfo ex : exceptions) {
            String icond = ex.fieldsIsList() ? tupleCondition(ex) : singleFieldCondition(ex);
            if (!icond.isEmpty()) {
                cond = cond.append("", PositionedText.of(" and not " + icond, ex.location()));
            }
        }
        return cond;
    }

    private static String singleFieldCondition(ExceptionInfo ex) {
        StringBuilder icond = new StringBuilder();
        String field = ex.fields().get(0);
        String comp = ex.comps().get(0);
        for (Object v : ex.values()) {
            icond.append(icond.length() == 0 ? "(" + field + " " + comp + " (" : ", ");
            icond.append(quoteItem((String) v));
        }
        if (icond.length() > 0) {
            icond.append("))");
        }
        return icond.toString();
    }

    private static String tupleCondition(ExceptionInfo ex) {
        StringBuilder icond = new StringBuilder("(");
        for (Object v : ex.values()) {
            List<?> tuple = (List<?>) v;
            if (icond.length() > 1) {
                icond.append(" or ");
            }
            icond.append('(');
            for (int k = 0; k < ex.fields().size(); k++) {
                if (k > 0) {
                    icond.append(" and");
                }
                Object item = tuple.get(k);
                String comp = ex.comps().get(k);
                String istr;
                if (item instanceof List) {
                    StringBuilder sb = new StringBuilder("(");
                    for (Object x : (List<?>) item) {
                        if (sb.length() > 1) {
                            sb.append(", ");
                        }
                        sb.append(quoteItem((String) x));
                    }
                    istr = sb.append(')').toString();
                } else if (ExceptionReader.isListOperator(comp)) {
                    istr = parenItem((String) item);
                } else {
                    istr = quoteItem((String) item);
                }
                icond.append(' ').append(ex.fields().get(k)).append(' ').append(comp).append(' ').append(istr);
            }
            icond.append(')');
        }
        icond.append(')');
        return icond.toString().equals("()") ? "" : icond.toString();
    }

    /** Falco quotes a value only when it holds a space and does not already start with a quote. */
    public static String quoteItem(String e) {
        if (e.indexOf(' ') >= 0 && !e.isEmpty() && e.charAt(0) != '"' && e.charAt(0) != '\'') {
            return '"' + e + '"';
        }
        return e;
    }

    private static String parenItem(String e) {
        return !e.isEmpty() && e.charAt(0) == '(' ? e : "(" + e + ")";
    }
}
