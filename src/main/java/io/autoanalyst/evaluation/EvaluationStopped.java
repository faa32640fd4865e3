package io.autoanalyst.evaluation;

/** The application shut down while a run was going; the run is unfinished and resumes when started again. */
class EvaluationStopped extends RuntimeException {
    EvaluationStopped() {
        super("the application is shutting down; the run resumes when it is started again", null, false, false);
    }
}
