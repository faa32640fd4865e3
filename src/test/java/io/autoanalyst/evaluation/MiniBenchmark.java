package io.autoanalyst.evaluation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A benchmark folder in DABench's format, made up by a test (DABench itself is licensed for non-commercial use
 * and is never copied into this repository): questions, labels and tables written into a temporary folder.
 */
final class MiniBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path dir;
    private final List<String> questions = new ArrayList<>();
    private final List<String> labels = new ArrayList<>();

    MiniBenchmark(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir.resolve(DabenchSuite.TABLES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    MiniBenchmark table(String fileName, String csv) {
        try {
            Files.writeString(dir.resolve(DabenchSuite.TABLES).resolve(fileName), csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** @param answers name, value, name, value, ... */
    MiniBenchmark question(int id, String level, List<String> concepts, String fileName, String question, String format,
                           String... answers) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("id", id);
        q.put("question", question);
        q.put("concepts", concepts);
        q.put("constraints", "Use pandas.");
        q.put("format", format);
        q.put("file_name", fileName);
        q.put("level", level);
        questions.add(JSON.writeValueAsString(q));
        List<List<String>> pairs = new ArrayList<>();
        for (int i = 0; i < answers.length; i += 2) pairs.add(List.of(answers[i], answers[i + 1]));
        labels.add(JSON.writeValueAsString(Map.of("id", id, "common_answers", pairs)));
        return this;
    }

    Path write() {
        try {
            Files.write(dir.resolve(DabenchSuite.QUESTIONS), questions);
            Files.write(dir.resolve(DabenchSuite.LABELS), labels);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }
}
