package io.autoanalyst.evaluation;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * InfiAgent-DABench as it is published: {@code da-dev-questions.jsonl}, {@code da-dev-labels.jsonl} and
 * the CSVs in {@code da-dev-tables/}. The data is licensed for non-commercial use only, so it is read
 * from the folder the operator names and never shipped with the product.
 */
public record DabenchSuite(Path dir, List<BenchmarkQuestion> questions) {

    public static final String QUESTIONS = "da-dev-questions.jsonl";
    public static final String LABELS = "da-dev-labels.jsonl";
    public static final String TABLES = "da-dev-tables";

    /** A table name is a plain file name: no folder, no way out of the table folder. */
    private static final Pattern PLAIN_FILE_NAME = Pattern.compile("[^/\\\\\\x00]+");

    public DabenchSuite {
        questions = List.copyOf(questions);
    }

    /** Reads the suite; questions without a label are left out (they cannot be scored). */
    public static DabenchSuite load(Path dir, JsonMapper json) {
        Path questionsFile = dir.resolve(QUESTIONS);
        Path labelsFile = dir.resolve(LABELS);
        if (!Files.isRegularFile(questionsFile) || !Files.isRegularFile(labelsFile)) {
            throw new EvaluationRejected("No DABench data in the folder given: it needs " + QUESTIONS + ", " + LABELS
                    + " and " + TABLES + "/ (InfiAgent's examples/DA-Agent/data)");
        }
        Map<Integer, List<NamedAnswer>> labels = new LinkedHashMap<>();
        for (JsonNode row : readLines(labelsFile, json)) {
            List<NamedAnswer> answers = new ArrayList<>();
            for (JsonNode pair : row.path("common_answers")) {
                if (!pair.isArray() || pair.size() != 2) throw invalid(LABELS, "an answer is not a [name, value] pair");
                answers.add(new NamedAnswer(pair.get(0).asString(), pair.get(1).asString()));
            }
            labels.put(requiredId(row, LABELS), answers);
        }
        List<BenchmarkQuestion> questions = new ArrayList<>();
        for (JsonNode row : readLines(questionsFile, json)) {
            int id = requiredId(row, QUESTIONS);
            List<NamedAnswer> expected = labels.get(id);
            if (expected == null || expected.isEmpty()) continue;
            String fileName = row.path("file_name").asString("");
            if (!PLAIN_FILE_NAME.matcher(fileName).matches() || fileName.equals("..") || fileName.equals(".")) {
                throw invalid(QUESTIONS, "question " + id + " names no plain CSV file name");
            }
            List<String> concepts = new ArrayList<>();
            row.path("concepts").forEach(c -> concepts.add(c.asString()));
            questions.add(new BenchmarkQuestion(id, row.path("question").asString(""), concepts,
                    row.path("constraints").asString(""), row.path("format").asString(""), fileName,
                    row.path("level").asString(""), expected));
        }
        if (questions.isEmpty()) throw invalid(QUESTIONS, "no question has a label");
        return new DabenchSuite(dir, questions);
    }

    /** The CSV a question is about. */
    public Path table(BenchmarkQuestion question) {
        return dir.resolve(TABLES).resolve(question.fileName());
    }

    /**
     * The questions with these ids in the suite's order (all when none are named), then the first
     * {@code limit} of them (all when null).
     */
    public List<BenchmarkQuestion> select(List<Integer> ids, Integer limit) {
        List<BenchmarkQuestion> chosen = questions;
        if (ids != null && !ids.isEmpty()) {
            Map<Integer, BenchmarkQuestion> byId = new LinkedHashMap<>();
            questions.forEach(q -> byId.put(q.id(), q));
            List<Integer> unknown = ids.stream().filter(id -> !byId.containsKey(id)).distinct().toList();
            if (!unknown.isEmpty()) {
                throw new EvaluationRejected("questions: no labelled DABench question has the id(s) " + unknown);
            }
            chosen = questions.stream().filter(q -> ids.contains(q.id())).toList();
        }
        if (limit != null && limit < chosen.size()) chosen = chosen.subList(0, limit);
        return chosen;
    }

    private static List<JsonNode> readLines(Path file, JsonMapper json) {
        List<JsonNode> rows = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) continue;
                try {
                    JsonNode row = json.readTree(line);
                    if (!row.isObject()) throw invalid(file.getFileName().toString(), "line " + number + " is not a JSON object");
                    rows.add(row);
                } catch (JacksonException e) {
                    throw invalid(file.getFileName().toString(), "line " + number + " is not JSON");
                }
            }
        } catch (IOException e) {
            throw new EvaluationRejected("Cannot read " + file.getFileName() + " of the DABench folder: " + e.getMessage());
        }
        return rows;
    }

    private static int requiredId(JsonNode row, String file) {
        JsonNode id = row.path("id");
        if (!id.isIntegralNumber()) throw invalid(file, "a row has no integer id");
        return id.asInt();
    }

    private static EvaluationRejected invalid(String file, String why) {
        return new EvaluationRejected("The DABench file " + file + " is not in the expected format: " + why);
    }
}
