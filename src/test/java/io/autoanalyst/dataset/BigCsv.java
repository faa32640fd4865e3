package io.autoanalyst.dataset;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A large CSV with known aggregates, written by the test itself: id, ISO datetime, country, amount
 * with cents, quantity, boolean, and an integer column with gaps.
 *
 * @param sumQuantity  sum of quantity
 * @param sumAmountCents sum of amount, in cents
 * @param trueCount    rows with active = true
 * @param missing      rows with an empty session_seconds
 */
record BigCsv(Path file, long rows, long sumQuantity, long sumAmountCents, long trueCount, long missing) {

    static BigCsv write(Path file, long rows) {
        SplittableRandom random = new SplittableRandom(42);
        String[] countries = {"DE", "FR", "US", "BR", "JP", "IN"};
        long sumQuantity = 0;
        long sumCents = 0;
        long trueCount = 0;
        long missing = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW)) {
            out.write("id,event_time,user_id,country,amount,quantity,score,active,session_seconds,code\n");
            StringBuilder line = new StringBuilder(128);
            for (long i = 1; i <= rows; i++) {
                long cents = random.nextLong(100, 1_000_000);
                int quantity = random.nextInt(1, 17);
                boolean active = random.nextInt(10) < 7;
                boolean gap = random.nextInt(64) == 0;
                sumQuantity += quantity;
                sumCents += cents;
                if (active) trueCount++;
                if (gap) missing++;
                line.setLength(0);
                line.append(i).append(',')
                        .append("2024-").append(pad(1 + (int) (i % 12))).append('-').append(pad(1 + (int) (i % 28)))
                        .append('T').append(pad((int) (i % 24))).append(':').append(pad((int) (i % 60))).append(":00.123Z,")
                        .append(random.nextInt(1, 100_000)).append(',')
                        .append(countries[(int) (i % countries.length)]).append(',')
                        .append(cents / 100).append('.').append(pad((int) (cents % 100))).append(',')
                        .append(quantity).append(',')
                        .append(random.nextInt(0, 1000)).append('.').append(random.nextInt(100_000, 1_000_000)).append(',')
                        .append(active).append(',')
                        .append(gap ? "" : String.valueOf(random.nextInt(1, 7200))).append(',')
                        .append("C").append(Long.toString(i * 7919 % 1_000_003, 36)).append('\n');
                out.append(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BigCsv(file, rows, sumQuantity, sumCents, trueCount, missing);
    }

    private static String pad(int n) {
        return n < 10 ? "0" + n : String.valueOf(n);
    }
}
