package io.autoanalyst.blog;

import java.util.List;

/** The posts: what the product is and how it works, written for this server. */
final class BlogPosts {

    private BlogPosts() {
    }

    static final List<BlogPost> ALL = List.of(
            new BlogPost("3", "Knowing what your analysts cost",
                    "Every model call is recorded with the provider's own token counts. Admins see cost per day, per model, per tier and per answer that worked.",
                    """
                    Every call to a language model, whichever feature makes it (the planner, an agent, a code fix, a chat title), \
                    writes one row with the tokens the provider reported and the price of the model at that time.

                    The admin analytics read those rows: cost per day and per model, a projection of the next month from the last \
                    thirty days, and two figures the dashboards did not have before. *Cost per successful answer* divides what was \
                    spent by the number of answers whose code actually ran. *Fix-loop success rate* says how often code that failed \
                    was repaired by a later attempt.

                    The dashboards update live over a WebSocket after each call, and everything can be exported as CSV.""",
                    "Auto-Analyst team", "2026-11-20", List.of("analytics", "costs", "operations"), false, "3 min read"),
            new BlogPost("2", "Why user code never runs inside the server",
                    "Generated code runs in a separate Python kernel per session, sandboxed, with limits on time, memory and processes.",
                    """
                    The code an agent writes is a program nobody reviewed, so it runs far from the server: each analysis session has \
                    its own Python process, started without network access, with a private temporary folder and only its own working \
                    folder writable, under its own user id, with limits on memory, CPU time, processes and output size.

                    The kernel keeps its variables between runs, like a notebook, so a follow-up question can use what the previous \
                    answer computed. An infinite loop or a memory bomb ends that kernel only; the user gets a clear message and a \
                    fresh kernel with the session's datasets loaded again.""",
                    "Auto-Analyst team", "2026-11-10", List.of("security", "sandbox", "python"), true, "4 min read"),
            new BlogPost("1", "Ask your data a question, get the code that answers it",
                    "Upload a CSV, Excel, JSON or Parquet file and ask in plain words. A team of agents writes pandas and Plotly code, runs it, and shows you the result.",
                    """
                    Auto-Analyst is a data-analysis server you run yourself. You upload a dataset and ask a question; a planner \
                    decides which agents should answer (preprocessing, statistics, machine learning, visualisation), they write \
                    Python code, and the code runs in a sandboxed kernel. You see the code, its output, tables and interactive \
                    charts, and you can edit and re-run it.

                    It works without any API key: a built-in offline analyst answers common questions (summaries, missing values, \
                    distributions, correlations, group-by aggregates, trends) with real code. With a key for OpenAI, Anthropic, \
                    Gemini or any OpenAI-compatible server, the same flows use that model.""",
                    "Auto-Analyst team", "2026-11-01", List.of("getting-started", "agents", "python"), true, "3 min read"));
}
