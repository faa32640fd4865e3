package io.autoanalyst.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.support.Api;
import io.autoanalyst.support.ApiTestBase;
import io.autoanalyst.support.SqliteApi;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The offline analyst's new intents the way a user meets them: a chat turn planned and answered without a key, on
 * the sample dataset (true values in docs/sample-dataset.md, or counted from Housing.csv) and on an uploaded file
 * with other column names, a date column and gaps, through the real upload, profile and kernel loader.
 */
@SqliteApi
class OfflineAnalystChatApiTest extends ApiTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String ORDERS = """
            order_id,order_date,region,category,units,revenue,returned
            1,2023-01-05,North,Toys,2,20.0,no
            2,2023-01-20,South,Toys,1,10.0,no
            3,2023-02-03,North,Books,5,20.0,yes
            4,2023-02-17,East,Books,3,12.0,no
            5,2023-03-02,South,Garden,4,100.0,no
            6,2023-03-15,North,Garden,,,yes
            7,2023-04-01,East,Toys,6,60.0,no
            8,2023-04-22,South,Books,2,8.0,no
            """;

    @Test
    void countsOfRowsMeetingConditionsOnTheSampleDataset() {
        Api session = api.session(newSessionId());

        // Housing.csv: bedrooms > 3 in 106 rows; furnishingstatus unfurnished: count 167 (docs/sample-dataset.md)
        assertThat(output(session, "How many houses have more than 3 bedrooms?")).contains("Number of rows where bedrooms > 3: 106");
        assertThat(output(session, "How many houses are unfurnished?"))
                .contains("Number of rows where furnishingstatus is unfurnished: 167");
        assertThat(output(session, "Which furnishingstatus has the highest average price?"))
                .contains("Highest mean of price: furnishingstatus = furnished (5514286.7647)");
    }

    @Test
    void anUploadedFileIsAnsweredByItsOwnColumns() {
        Api session = api.session(newSessionId());
        String boundary = "----offline-analyst-test";
        String form = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"orders.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + ORDERS + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; "
                + "name=\"name\"\r\n\r\norders\r\n--" + boundary + "--\r\n";
        Api.Response upload = session.postRaw("/upload_dataframe", form, "multipart/form-data; boundary=" + boundary);
        assertThat(upload.status()).as(upload.body()).isEqualTo(200);

        // returned = yes: orders 3 and 6 of 8
        assertThat(output(session, "What percentage of orders were returned?"))
                .contains("Percentage of rows where returned is yes: 25% (2 of 8 rows)");
        // units > 3: orders 3, 5, 7; order 6 has no units
        assertThat(output(session, "How many orders have more than 3 units?"))
                .contains("Number of rows where units > 3: 3").contains("Rows with a missing units");
        // monthly revenue totals: Jan 30, Feb 32, Mar 100, Apr 68
        assertThat(output(session, "show the monthly trend of total revenue"))
                .contains("First period: 30.0000, last period: 68.0000, change: +38.0000");
    }

    @Test
    void aQuestionWithAPartNoRuleReadsIsDeclinedAndTheTurnStillCompletes() {
        String body = api.session(newSessionId()).post("/chat", Map.of("query", "How many houses in Springfield have a pool?")).body();

        assertThat(body).contains("springfield").contains("OPENAI_API_KEY").doesNotContain("Number of rows");
        assertThat(last(body).path("status").asString()).isEqualTo("complete");
    }

    /** The code_execution output of a planned chat turn, after checking the turn completed. */
    private static String output(Api session, String question) {
        Api.Response response = session.post("/chat", Map.of("query", question));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(last(response.body()).path("status").asString()).as(response.body()).isEqualTo("complete");
        for (String line : response.body().split("\n")) {
            JsonNode json = JSON.readTree(line);
            if (json.path("agent").asString().equals("code_execution")) {
                return json.path("content").asString();
            }
        }
        throw new AssertionError("no code_execution line in " + response.body());
    }

    private static JsonNode last(String body) {
        String[] lines = body.strip().split("\n");
        return JSON.readTree(lines[lines.length - 1]);
    }
}
