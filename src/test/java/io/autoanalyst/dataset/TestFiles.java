package io.autoanalyst.dataset;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/** Small data files the tests write themselves, with known contents. */
public final class TestFiles {

    private TestFiles() {
    }

    /**
     * 6 orders: id 1..6, day 2024-01-01..06, qty with one missing (a nullable integer), price with
     * cents (sum 61.25), paid true/false (3 true), city text with a missing value and a comma.
     */
    public static byte[] ordersCsv() {
        return ("""
                id,day,qty,price,paid,city
                1,2024-01-01,3,10.50,true,Paris
                2,2024-01-02,,0.25,false,"Lyon, Rhône"
                3,2024-01-03,5,20.00,true,NA
                4,2024-01-04,1,5.75,false,Nice
                5,2024-01-05,2,12.25,true,Paris
                6,2024-01-06,4,12.50,false,Paris
                """).getBytes(StandardCharsets.UTF_8);
    }

    /** A workbook with sheets 'Sales 2024' (3 rows), 'class' (2 rows) and 'df' (1 row). */
    static byte[] workbook() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook wb = new Workbook(out, "test", "1.0");
            Worksheet sales = wb.newWorksheet("Sales 2024");
            sales.value(0, 0, "region");
            sales.value(0, 1, "amount");
            sales.value(0, 2, "day");
            String[] regions = {"North", "South", "East"};
            for (int r = 0; r < 3; r++) {
                sales.value(r + 1, 0, regions[r]);
                sales.value(r + 1, 1, 100.5 + r);
                sales.value(r + 1, 2, java.time.LocalDate.of(2024, 3, r + 1));
                sales.style(r + 1, 2).format("yyyy-mm-dd").set();
            }
            Worksheet keyword = wb.newWorksheet("class");
            keyword.value(0, 0, "k");
            keyword.value(1, 0, 1);
            keyword.value(2, 0, 2);
            Worksheet df = wb.newWorksheet("df");
            df.value(0, 0, "x");
            df.value(1, 0, "=1+1");
            wb.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
