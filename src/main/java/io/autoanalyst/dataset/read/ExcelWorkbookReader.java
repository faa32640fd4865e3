package io.autoanalyst.dataset.read;

import io.autoanalyst.dataset.UploadRejected;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;

/**
 * Lists the sheets of an .xlsx workbook and streams selected sheets into UTF-8 CSV files, one per
 * sheet, with typed cells written as text the CSV typing reads back exactly: numbers in plain
 * notation, booleans as true/false, date-formatted numbers as ISO dates (never serials like 45123).
 * Formula cells contribute their cached value, never the formula. The header is the first row with
 * two or more cells (a title above it is skipped); a two-row header over merged cells
 * ({@code 2023} spanning {@code Q1..Q4}) is flattened to {@code 2023_Q1}.
 */
public final class ExcelWorkbookReader {

    private static final int HEADER_SEARCH_ROWS = 30;

    /** One sheet written as CSV, with its header on the first line. */
    record ExtractedSheet(String sheetName, Path csv, List<String> header, long rows, List<String> notes) {
    }

    private final XlsxSafetyCheck safety;

    ExcelWorkbookReader(XlsxSafetyCheck safety) {
        this.safety = safety;
    }

    public List<String> sheetNames(Path file) {
        safety.check(file);
        try (ReadableWorkbook workbook = open(file)) {
            return workbook.getSheets().map(Sheet::getName).toList();
        } catch (IOException | RuntimeException e) {
            throw rejected(e);
        }
    }

    /** @param selected sheet names to read, or null for all; unknown names are a 400 */
    List<ExtractedSheet> extract(Path file, List<String> selected, Path outDir) {
        safety.check(file);
        List<ExtractedSheet> result = new ArrayList<>();
        try (ReadableWorkbook workbook = open(file)) {
            List<Sheet> sheets = workbook.getSheets().toList();
            if (selected != null) {
                for (String name : selected) {
                    if (sheets.stream().noneMatch(s -> s.getName().equals(name))) {
                        throw UploadRejected.badRequest("The workbook has no sheet named '" + name + "'; its sheets are "
                                + sheets.stream().map(Sheet::getName).toList());
                    }
                }
            }
            int index = 0;
            for (Sheet sheet : sheets) {
                if (selected != null && !selected.contains(sheet.getName())) continue;
                Path csv = outDir.resolve("sheet-" + (index++) + ".csv");
                ExtractedSheet extracted = writeSheet(sheet, csv);
                if (extracted != null) result.add(extracted);
            }
        } catch (UploadRejected e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw rejected(e);
        }
        if (result.isEmpty()) {
            throw UploadRejected.unreadable("No valid sheets found in Excel file: every selected sheet is empty");
        }
        return result;
    }

    private static ReadableWorkbook open(Path file) throws IOException {
        return new ReadableWorkbook(file.toFile(), new ReadingOptions(true, false));
    }

    private static UploadRejected rejected(Exception e) {
        return UploadRejected.unreadable("The Excel file is invalid or corrupt and cannot be read as .xlsx ("
                + e.getClass().getSimpleName() + ")");
    }

    private ExtractedSheet writeSheet(Sheet sheet, Path csv) throws IOException {
        try (Stream<Row> stream = sheet.openStream()) {
            Iterator<Row> rows = stream.iterator();
            List<List<Cell>> head = new ArrayList<>();
            while (rows.hasNext() && head.size() < HEADER_SEARCH_ROWS) {
                List<Cell> cells = cells(rows.next());
                if (nonEmpty(cells) > 0) head.add(cells);
            }
            if (head.isEmpty()) return null;
            int width = head.stream().mapToInt(List::size).max().orElse(0);
            int headerIndex = 0;
            for (int i = 0; i < head.size(); i++) {
                if (nonEmpty(head.get(i)) >= Math.min(2, width)) {
                    headerIndex = i;
                    break;
                }
            }
            List<String> notes = new ArrayList<>();
            List<String> header = texts(head.get(headerIndex), width);
            int firstData = headerIndex + 1;
            if (isSubHeader(head, headerIndex, width)) {
                List<String> sub = texts(head.get(headerIndex + 1), width);
                header = flatten(header, sub);
                firstData++;
                notes.add("two header rows (merged cells) combined into one: " + String.join(", ", header));
            }
            if (headerIndex > 0) {
                notes.add("header taken from row " + (rowNumberOf(head.get(headerIndex)))
                        + "; the rows above it (a title) were skipped");
            }
            long written = 0;
            int headerWidth = header.size();
            try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                writeLine(out, header.stream().map(h -> h.replaceAll("[\\r\\n]+", " ")).toList());
                for (int i = firstData; i < head.size(); i++) {
                    writeLine(out, texts(head.get(i), width));
                    written++;
                }
                while (rows.hasNext()) {
                    List<Cell> cells = cells(rows.next());
                    if (nonEmpty(cells) == 0) continue;
                    if (cells.size() > width) {
                        width = cells.size();
                        // a wider row further down: keep its cells under generated names
                        while (header.size() < width) header = append(header, "");
                    }
                    writeLine(out, texts(cells, header.size()));
                    written++;
                }
            }
            if (header.size() > headerWidth) {
                // A row further down is wider than the header: the header line written first is too short.
                return rewriteWithHeader(sheet.getName(), csv, header, written, notes);
            }
            return new ExtractedSheet(sheet.getName(), csv, header, written, notes);
        }
    }

    private ExtractedSheet rewriteWithHeader(String name, Path csv, List<String> header, long rows, List<String> notes)
            throws IOException {
        Path fixed = csv.resolveSibling(csv.getFileName() + ".fixed");
        try (BufferedWriter out = Files.newBufferedWriter(fixed, StandardCharsets.UTF_8);
             var lines = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            writeLine(out, header);
            lines.readLine();
            lines.transferTo(out);
        }
        Files.move(fixed, csv, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return new ExtractedSheet(name, csv, header, rows, notes);
    }

    private static List<String> append(List<String> list, String value) {
        List<String> copy = new ArrayList<>(list);
        copy.add(value);
        return copy;
    }

    private static int rowNumberOf(List<Cell> cells) {
        for (Cell c : cells) {
            if (c != null) return c.getAddress().getRow() + 1;
        }
        return 0;
    }

    /** A second header row: the first has gaps (merged cells) and the next is all text filling them. */
    private static boolean isSubHeader(List<List<Cell>> head, int headerIndex, int width) {
        if (headerIndex + 2 >= head.size()) return false;
        List<String> top = texts(head.get(headerIndex), width);
        if (top.stream().noneMatch(String::isEmpty)) return false;
        List<Cell> next = head.get(headerIndex + 1);
        if (nonEmpty(next) < 2) return false;
        for (Cell c : next) {
            if (c != null && c.getType() != CellType.EMPTY && c.getType() != CellType.STRING) return false;
        }
        List<String> sub = texts(next, width);
        for (int j = 0; j < width; j++) {
            if (top.get(j).isEmpty() && sub.get(j).isEmpty()) return false;
        }
        return true;
    }

    private static List<String> flatten(List<String> top, List<String> sub) {
        List<String> names = new ArrayList<>();
        String carried = "";
        for (int j = 0; j < top.size(); j++) {
            String t = top.get(j);
            if (!t.isEmpty()) carried = t;
            else t = sub.get(j).isEmpty() ? "" : carried;
            String s = sub.get(j);
            names.add(t.isEmpty() ? s : s.isEmpty() ? t : t + "_" + s);
        }
        return names;
    }

    private static List<Cell> cells(Row row) {
        List<Cell> cells = new ArrayList<>();
        for (int i = 0; i < row.getCellCount(); i++) {
            cells.add(row.getCell(i));
        }
        while (!cells.isEmpty() && isEmpty(cells.getLast())) cells.removeLast();
        return cells;
    }

    private static int nonEmpty(List<Cell> cells) {
        int n = 0;
        for (Cell c : cells) if (!isEmpty(c)) n++;
        return n;
    }

    private static boolean isEmpty(Cell c) {
        return c == null || c.getType() == CellType.EMPTY || (c.getRawValue() == null && c.getType() != CellType.FORMULA)
                || (c.getType() == CellType.STRING && c.getText().isEmpty());
    }

    private static List<String> texts(List<Cell> cells, int width) {
        List<String> out = new ArrayList<>(Math.max(width, cells.size()));
        for (Cell c : cells) out.add(text(c));
        while (out.size() < width) out.add("");
        return out;
    }

    static String text(Cell c) {
        if (isEmpty(c)) return "";
        return switch (c.getType()) {
            case NUMBER -> number(c);
            case BOOLEAN -> Boolean.TRUE.equals(c.asBoolean()) ? "true" : "false";
            case STRING -> c.getText();
            case FORMULA -> c.getRawValue() == null ? "" : c.getRawValue();
            case ERROR -> c.getRawValue() == null ? "" : c.getRawValue();
            default -> c.getRawValue() == null ? "" : c.getRawValue();
        };
    }

    private static String number(Cell c) {
        if (ExcelDateFormats.isDateFormat(c.getDataFormatId(), c.getDataFormatString())) {
            LocalDateTime value = c.asDate();
            if (value != null) {
                return value.toLocalTime().toSecondOfDay() == 0 && value.getNano() == 0
                        ? value.toLocalDate().toString()
                        : value.toString().replace('T', ' ');
            }
        }
        BigDecimal n = c.asNumber();
        if (n == null) return "";
        String plain = n.toPlainString();
        if (plain.contains(".")) plain = plain.replaceAll("0+$", "").replaceAll("\\.$", "");
        return plain;
    }

    private static void writeLine(BufferedWriter out, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) out.write(',');
            String f = fields.get(i);
            boolean quote = f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0
                    || (!f.isEmpty() && (Character.isWhitespace(f.charAt(0)) || Character.isWhitespace(f.charAt(f.length() - 1))));
            if (quote) {
                out.write('"');
                out.write(f.replace("\"", "\"\""));
                out.write('"');
            } else {
                out.write(f);
            }
        }
        out.write('\n');
    }
}
