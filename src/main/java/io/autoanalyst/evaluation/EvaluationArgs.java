package io.autoanalyst.evaluation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line {@code eval dabench [options]}, parsed into a request. */
record EvaluationArgs(EvaluationRequest request, boolean help) {

    static final String USAGE = """
            usage: ./analyst eval dabench [options]
              --model ID          registry id of the model to evaluate (default: the server's default model; 'offline' for the offline analyst)
              --limit N           only the first N questions (of the selection)
              --questions ID,...  only these question ids
              --concurrency K     questions asked at once (default 1; each holds a Python kernel)
              --data DIR          the DABench folder: da-dev-questions.jsonl, da-dev-labels.jsonl, da-dev-tables/
                                  (default: autoanalyst.evaluation.dabench-dir, env DABENCH_DIR, else ../shared/dabench)
              --resume RUN_ID     continue an interrupted run (a run with the same model and questions is continued anyway)
              --fresh             start a new run even when an unfinished one with the same model and questions exists
            """;

    /** @throws IllegalArgumentException with a message for the user */
    static EvaluationArgs parse(String[] args) {
        if (args.length < 2 || !args[0].equals("eval")) throw new IllegalArgumentException("expected: eval dabench [options]");
        if (args[1].equals("--help") || args[1].equals("-h")) return new EvaluationArgs(null, true);
        if (!args[1].equals(EvaluationService.DABENCH)) {
            throw new IllegalArgumentException("unknown benchmark '" + args[1] + "': the benchmark is dabench");
        }
        String model = null;
        Integer limit = null;
        Integer concurrency = null;
        List<Integer> questions = new ArrayList<>();
        Path data = null;
        Long resume = null;
        boolean fresh = false;
        for (int i = 2; i < args.length; i++) {
            String option = args[i];
            String value = null;
            int eq = option.indexOf('=');
            if (option.startsWith("--") && eq > 0) {
                value = option.substring(eq + 1);
                option = option.substring(0, eq);
            }
            switch (option) {
                case "--help", "-h" -> {
                    return new EvaluationArgs(null, true);
                }
                case "--fresh" -> fresh = true;
                case "--model", "--limit", "--concurrency", "--questions", "--data", "--resume" -> {
                    if (value == null) {
                        if (i + 1 >= args.length) throw new IllegalArgumentException(option + " needs a value");
                        value = args[++i];
                    }
                    switch (option) {
                        case "--model" -> model = value;
                        case "--limit" -> limit = number(option, value);
                        case "--concurrency" -> concurrency = number(option, value);
                        case "--data" -> data = Path.of(value);
                        case "--resume" -> resume = (long) number(option, value);
                        default -> {
                            for (String id : value.split(",")) {
                                if (!id.isBlank()) questions.add(number(option, id.strip()));
                            }
                        }
                    }
                }
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
            }
        }
        try {
            return new EvaluationArgs(new EvaluationRequest(model, limit, concurrency, questions, data, resume, fresh), false);
        } catch (EvaluationRejected e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": '" + value + "' is not a whole number");
        }
    }
}
