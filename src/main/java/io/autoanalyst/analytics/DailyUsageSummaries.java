package io.autoanalyst.analytics;

import io.autoanalyst.analytics.AnalyticsRepository.ModelSlice;
import io.autoanalyst.analytics.AnalyticsRepository.SliceShape;
import io.autoanalyst.analytics.AnalyticsRepository.UserSlice;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The period's usage as one summary per UTC day: per model, per user, and the day's distinct sessions.
 * Every analytics figure of model_usage is a merge of these, so a route reads each row at most once.
 *
 * <p>A day before today is closed: model calls are recorded at the time they are made, so its rows do not
 * change, and its summary is kept in memory once computed (for {@link #KEPT_DAYS} days). Each request still
 * checks, with one scan of the closed days' rows without any sort, that their count, highest id and rows
 * without a user (a deleted guest's) are what the summaries were made from; if not (rows imported into the
 * past, a user deleted) those days are summarised again. The partial first day of a period and today are
 * summarised on every request. After start the last 90 days are summarised in the background, so that
 * the first dashboard an admin opens does not wait for it.
 */
@Component
public class DailyUsageSummaries {

    static final int KEPT_DAYS = 400;
    static final int WARMED_DAYS = 90;

    private static final Logger log = LoggerFactory.getLogger(DailyUsageSummaries.class);

    private final AnalyticsRepository repository;
    private final Clock clock;
    private final Map<LocalDate, DaySummary> closed = new LinkedHashMap<>();

    public DailyUsageSummaries(AnalyticsRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void warmUp() {
        Thread.ofVirtual().name("analytics-warm-up").start(() -> {
            long start = System.nanoTime();
            try {
                of(AnalyticsPeriod.lastDays(WARMED_DAYS, clock));
                log.info("Analytics: usage of the last {} days summarised in {} ms", WARMED_DAYS, (System.nanoTime() - start) / 1_000_000);
            } catch (RuntimeException e) {
                // the first analytics request will summarise instead
                log.warn("Analytics: could not summarise recent usage in the background: {}", e.toString());
            }
        });
    }

    /** One day (or the part of it inside the period). */
    public record DaySummary(LocalDate day, List<ModelSlice> models, List<UserSlice> users, SliceShape shape) {
        public String date() {
            return day.toString();
        }

        public long tokens() {
            return models.stream().mapToLong(ModelSlice::tokens).sum();
        }

        public double cost() {
            return models.stream().mapToDouble(ModelSlice::cost).sum();
        }

        public long requests() {
            return shape.rows();
        }
    }

    /** Every day the period touches, oldest first, days without usage included. */
    public List<DaySummary> of(AnalyticsPeriod period) {
        LocalDate today = clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
        Instant endExclusive = period.end().plusMillis(1); // the period's end is inclusive
        LocalDate firstWhole = null;
        LocalDate lastWhole = null;
        for (LocalDate d = period.startDate(); !d.isAfter(period.endDate()); d = d.plusDays(1)) {
            if (d.isBefore(today) && !midnight(d).isBefore(period.start()) && !midnight(d.plusDays(1)).isAfter(endExclusive)) {
                if (firstWhole == null) firstWhole = d;
                lastWhole = d;
            }
        }
        List<DaySummary> days = new ArrayList<>();
        for (LocalDate d = period.startDate(); !d.isAfter(period.endDate()); d = d.plusDays(1)) {
            if (firstWhole != null && d.equals(firstWhole)) {
                days.addAll(closedDays(firstWhole, lastWhole.plusDays(1)));
                d = lastWhole;
                continue;
            }
            Instant from = max(midnight(d), period.start());
            Instant until = min(midnight(d.plusDays(1)), endExclusive);
            days.add(from.isBefore(until) ? summarise(d, from, until) : new DaySummary(d, List.of(), List.of(), new SliceShape(0, 0, 0, 0)));
        }
        return days;
    }

    private synchronized List<DaySummary> closedDays(LocalDate from, LocalDate until) {
        SliceShape actual = repository.sliceShape(midnight(from), midnight(until), false);
        long rows = 0;
        long maxId = 0;
        long withoutUser = 0;
        boolean complete = true;
        for (LocalDate d = from; d.isBefore(until); d = d.plusDays(1)) {
            DaySummary kept = closed.get(d);
            if (kept == null) {
                complete = false;
                break;
            }
            rows += kept.shape().rows();
            maxId = Math.max(maxId, kept.shape().maxUsageId());
            withoutUser += kept.shape().rowsWithoutUser();
        }
        if (!complete || rows != actual.rows() || maxId != actual.maxUsageId() || withoutUser != actual.rowsWithoutUser()) {
            for (LocalDate d = from; d.isBefore(until); d = d.plusDays(1)) {
                DaySummary kept = closed.get(d);
                SliceShape shape = kept == null ? null : repository.sliceShape(midnight(d), midnight(d.plusDays(1)), false);
                if (kept == null || shape.rows() != kept.shape().rows() || shape.maxUsageId() != kept.shape().maxUsageId()
                        || shape.rowsWithoutUser() != kept.shape().rowsWithoutUser()) {
                    closed.remove(d);
                    closed.put(d, summarise(d, midnight(d), midnight(d.plusDays(1))));
                }
            }
        }
        List<DaySummary> days = new ArrayList<>();
        for (LocalDate d = from; d.isBefore(until); d = d.plusDays(1)) days.add(closed.get(d));
        // forget the days summarised longest ago, never one this request is using
        var oldest = closed.keySet().iterator();
        while (closed.size() > KEPT_DAYS && oldest.hasNext()) {
            LocalDate d = oldest.next();
            if (d.isBefore(from) || !d.isBefore(until)) oldest.remove();
        }
        return days;
    }

    private DaySummary summarise(LocalDate day, Instant from, Instant until) {
        SliceShape shape = repository.sliceShape(from, until, true);
        if (shape.rows() == 0) {
            return new DaySummary(day, List.of(), List.of(), shape);
        }
        return new DaySummary(day, repository.modelSlice(from, until), repository.userSlice(from, until), shape);
    }

    private static Instant midnight(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
