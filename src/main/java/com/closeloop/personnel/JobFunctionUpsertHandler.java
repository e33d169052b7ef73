package com.closeloop.personnel;

import java.util.List;

import com.closeloop.ingest.DataReader;
import com.closeloop.ingest.EventContext;
import com.closeloop.ingest.EventHandler;
import com.closeloop.rules.DecisionRecord;

import org.springframework.stereotype.Component;

/** {@code closeloop.jobfunction.upserted}: creates or renames a job function. No training decisions follow. */
@Component
class JobFunctionUpsertHandler implements EventHandler<JobFunctionUpsertHandler.JobFunctionUpserted> {

    record JobFunctionUpserted(String code, String name) {
    }

    private final JobFunctions jobFunctions;

    JobFunctionUpsertHandler(JobFunctions jobFunctions) {
        this.jobFunctions = jobFunctions;
    }

    @Override
    public String type() {
        return "closeloop.jobfunction.upserted";
    }

    @Override
    public JobFunctionUpserted read(DataReader data) {
        return new JobFunctionUpserted(data.code("code", true), data.text("name", true, 200));
    }

    @Override
    public List<DecisionRecord> apply(EventContext context, JobFunctionUpserted payload) {
        jobFunctions.findById(payload.code()).ifPresentOrElse(
                existing -> existing.rename(payload.name(), context.receivedAt()),
                () -> jobFunctions.save(new JobFunction(payload.code(), payload.name(), context.receivedAt())));
        return List.of();
    }
}
