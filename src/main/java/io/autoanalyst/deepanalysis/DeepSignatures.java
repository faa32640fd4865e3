package io.autoanalyst.deepanalysis;

import io.autoanalyst.llm.Signature;
import io.autoanalyst.llm.Signature.Field;
import java.util.List;

/** The model tasks of a deep analysis, as signatures (the original's DSPy signatures, with their bugs removed). */
final class DeepSignatures {

    private DeepSignatures() {
    }

    static final Signature QUESTIONS = new Signature("deep_questions", """
            You turn a user's analytical goal into at most five specific research questions that the dataset can
            answer: trends, segments, drivers, distributions, relationships. Each question must name the dataset's
            real columns (exactly as written in the dataset description) and be answerable with code on this data.
            Write one question per line, without numbering.
            """,
            List.of(Field.text("goal", "The user's analytical goal."),
                    Field.text("dataset_info", "The dataset: exact variable name, columns, types, sample values.")),
            List.of(Field.list("deep_questions", "At most five research questions, one per item.")));

    static final Signature PLAN = new Signature("deep_planner", """
            You assign research questions to data-analysis agents. Use only agent names from the agent list. Give
            each agent at most two similar questions; use as few agent calls as possible. Answer with a JSON array
            of steps: {"agent": exact agent name, "questions": [question numbers, starting at 1], "instruction":
            what the agent must compute and chart, naming the exact columns and the dataset's variable name}. Every
            question must be assigned to one step.
            """,
            List.of(Field.text("deep_questions", "The research questions, one per line, numbered from 1."),
                    Field.text("dataset", "The dataset: exact variable name, columns, types, sample values."),
                    Field.text("agent_desc", "The agents you may use, one per line: name: what it does.")),
            // Text, not json: a plan that does not parse is repaired here, not rejected by the output parser.
            List.of(Field.text("plan_instructions", "The JSON array of steps.")));

    static final Signature PLAN_FIX = new Signature("deep_plan_fixer", """
            A plan for data-analysis agents could not be read. Rewrite it as a JSON array of steps {"agent": exact
            agent name from the list, "questions": [question numbers], "instruction": text}, keeping its content,
            and using only the listed agent names.
            """,
            List.of(Field.text("plan_instructions", "The plan that could not be read."),
                    Field.text("problem", "Why it could not be read."),
                    Field.text("agent_desc", "The agents you may use, one per line: name: what it does.")),
            List.of(Field.text("fixed_plan", "The plan as a JSON array of steps.")));

    static final Signature SYNTHESIS = new Signature("deep_synthesizer", """
            You write the analysis section for one research question from what the agents reported and what their
            code printed: restate the question, say what was computed and how, give the results with the real
            numbers from the printed output (never invent numbers), and the insight. Markdown; tables allowed.
            """,
            List.of(Field.text("question", "The research question."),
                    Field.text("summaries", "What the agents that answered it reported."),
                    Field.text("print_outputs", "What their code printed when it ran.")),
            List.of(Field.text("synthesized_report", "The section, in Markdown.")));

    static final Signature CONCLUSION = new Signature("final_conclusion", """
            You conclude a data analysis. From the sections, write Markdown with a **Conclusion** paragraph that
            answers the user's goal, **Key Takeaways** as bullets, and optionally **Recommended Next Steps**.
            Use only findings stated in the sections.
            """,
            List.of(Field.text("query", "The user's goal."),
                    Field.text("synthesized_sections", "The analysis sections, one per research question.")),
            List.of(Field.text("final_conclusion", "The conclusion, in Markdown.")));
}
