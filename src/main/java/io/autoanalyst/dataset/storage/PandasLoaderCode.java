package io.autoanalyst.dataset.storage;

import io.autoanalyst.dataset.detect.ColumnType;
import io.autoanalyst.dataset.detect.PythonIdentifiers;
import java.util.List;

/**
 * The Python that loads kernel copies into named DataFrames. The dtypes come from the sidecar at
 * run time, so a column name never has to be quoted into code. Columns are read with pandas'
 * nullable dtypes (exact) and then made plain numpy ones, as {@code pd.read_csv} gives them
 * ({@link ColumnType#kernelDtype}): the kernel's statsmodels, scikit-learn, numpy and plotly fail
 * on nullable columns. Copies written before this rule load the same way.
 */
public final class PandasLoaderCode {

    private PandasLoaderCode() {
    }

    /** Defines {@code _aa_plain(frame)}: nullable integer and boolean columns become int64/float64 and bool/object; empty columns float64. */
    private static final String PLAIN_DTYPES = """
            def _aa_plain(frame):
                for name, dtype in list(frame.dtypes.items()):
                    column = frame[name]
                    if len(column) and column.isna().all() and str(dtype) != 'datetime64[ns]':
                        frame[name] = column.astype('float64')
                    elif str(dtype) == 'Int64':
                        frame[name] = column.astype('float64') if column.hasnans else column.astype('int64')
                    elif str(dtype) == 'boolean':
                        frame[name] = column.astype(object).where(column.notna(), float('nan')) if column.hasnans else column.astype(bool)
                return frame
            """;

    /** Loads one copy into {@code variable} (needs the definitions {@link #loadAll} writes first). */
    public static String load(String variable, KernelCopy copy) {
        if (!PythonIdentifiers.isValid(variable) && !variable.equals("df")) {
            throw new IllegalArgumentException("not a usable Python variable name: " + variable);
        }
        return "with open(" + literal(copy.dtypes().toString()) + ", encoding='utf-8') as _aa_f:\n"
                + "    _aa_meta = _aa_json.load(_aa_f)\n"
                + variable + " = _aa_plain(_aa_pd.read_csv(" + literal(copy.csv().toString()) + ", **_aa_meta['read_csv']))\n";
    }

    /** Loads every dataset of a plan, in order, then binds {@code df} to the first if no dataset is called that. */
    public static String loadAll(List<DatasetLoad> loads) {
        StringBuilder code = new StringBuilder("import json as _aa_json\nimport pandas as _aa_pd\nimport pandas as pd\n")
                .append(PLAIN_DTYPES);
        for (DatasetLoad load : loads) {
            code.append(load(load.variable(), load.copy()));
        }
        if (!loads.isEmpty() && loads.stream().noneMatch(l -> l.variable().equals("df"))) {
            code.append("df = ").append(loads.getFirst().variable()).append('\n');
        }
        code.append("del _aa_json, _aa_pd, _aa_plain");
        if (!loads.isEmpty()) code.append(", _aa_f, _aa_meta");
        code.append('\n');
        return code.toString();
    }

    /** A Python string literal for any text: quotes, backslashes and control characters escaped. */
    static String literal(String text) {
        StringBuilder out = new StringBuilder("'");
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (ch < 0x20 || ch == 0x7F || Character.isSurrogate(ch)) out.append(String.format("\\u%04x", (int) ch));
                    else out.append(ch);
                }
            }
        }
        return out.append('\'').toString();
    }
}
