package com.closeloop.audit;

import java.sql.Connection;
import java.sql.SQLException;

import org.h2.api.Trigger;

/** H2 trigger (see db/vendor/h2/V7_1): refuses every UPDATE and DELETE on the audit trail and the signatures. */
public class AppendOnlyTrigger implements Trigger {

    private String table;

    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before, int type) {
        this.table = tableName;
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException("closeloop: " + table + " is append-only (" + (newRow == null ? "DELETE" : "UPDATE") + " refused)",
                "42501");
    }
}
