package io.autoanalyst.analytics;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import org.springframework.stereotype.Component;

/** Writes usage rows as RFC 4180 CSV, streaming from the database so a year of rows never sits in memory. */
@Component
public class UsageCsvExport {

    public static final String CONTENT_TYPE = "text/csv;charset=UTF-8";
    static final String HEADER = "usage_id,timestamp,user_id,chat_id,model_name,provider,agent_name,prompt_tokens,completion_tokens,"
            + "total_tokens,cost,request_time_ms,is_streaming,is_successful";

    private final AnalyticsRepository repository;

    public UsageCsvExport(AnalyticsRepository repository) {
        this.repository = repository;
    }

    public void write(AnalyticsPeriod period, Writer out) {
        PrintWriter csv = out instanceof PrintWriter p ? p : new PrintWriter(out);
        csv.print(HEADER);
        csv.print("\r\n");
        repository.eachUsageRow(period, row -> {
            csv.print(row.usageId() + "," + row.timestamp() + "," + (row.userId() == null ? "" : row.userId()) + ","
                    + (row.chatId() == null ? "" : row.chatId()) + "," + text(row.modelName()) + "," + text(row.provider()) + ","
                    + text(row.agentName()) + "," + row.promptTokens() + "," + row.completionTokens() + "," + row.totalTokens() + ","
                    + JsonObject.money(row.cost()) + "," + row.requestTimeMs() + "," + row.streaming() + "," + row.successful() + "\r\n");
        });
        csv.flush();
        if (csv.checkError()) {
            throw new UncheckedIOException(new java.io.IOException("the client stopped reading the CSV export"));
        }
    }

    /**
     * Quotes a text field. A leading =, +, - or @ gets a quote character in front, so that a
     * spreadsheet opening the file shows the text instead of running it as a formula.
     */
    static String text(String value) {
        if (value == null) return "";
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
