package io.autoanalyst.analytics;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The time range an analytics route covers: the last {@code days} days up to now, in UTC. As in
 * the original, {@code 7d}, {@code 30d} and {@code 90d} are understood and anything else means 30 days.
 */
public record AnalyticsPeriod(String label, int days, Instant start, Instant end) {

    public AnalyticsPeriod {
        requireNonNull(label, "label");
        requireNonNull(start, "start");
        requireNonNull(end, "end");
        if (days <= 0) throw new IllegalArgumentException("days must be positive");
        if (start.isAfter(end)) throw new IllegalArgumentException("start must not be after end");
    }

    public static AnalyticsPeriod parse(String period, Clock clock) {
        int days = switch (period == null ? "" : period.strip()) {
            case "7d" -> 7;
            case "90d" -> 90;
            default -> 30;
        };
        return lastDays(days, clock);
    }

    public static AnalyticsPeriod lastDays(int days, Clock clock) {
        Instant now = clock.instant();
        return new AnalyticsPeriod(days + "d", days, now.minus(Duration.ofDays(days)), now);
    }

    /** From the start of today (UTC) until now. */
    public static AnalyticsPeriod today(Clock clock) {
        Instant now = clock.instant();
        Instant midnight = now.atZone(ZoneOffset.UTC).toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
        return new AnalyticsPeriod("today", 1, midnight, now);
    }

    public LocalDate startDate() {
        return start.atZone(ZoneOffset.UTC).toLocalDate();
    }

    public LocalDate endDate() {
        return end.atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** Every calendar day the range touches, oldest first: the dates of a zero-filled daily series. */
    public List<String> dates() {
        List<String> dates = new ArrayList<>();
        for (LocalDate d = startDate(); !d.isAfter(endDate()); d = d.plusDays(1)) {
            dates.add(d.toString());
        }
        return dates;
    }
}
