package com.closeloop.messaging;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

import org.apache.camel.Exchange;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a database outage (connection refused or lost, the pool timed out waiting for one; SQLState class 08, or 57P
 * when the server shuts down) from other faults. routes/errors/jms.yaml retries such a message in place, in its open
 * JMS transaction, until the database answers: nothing was committed, the broker's delivery attempts are not spent,
 * and no later message of its JMS group overtakes it (a broker redelivery with a delay would let it).
 */
@Component("databaseOutage")
public class DatabaseOutage {

    private final int maxRetries;

    DatabaseOutage(@Value("${closeloop.jms.outage-retries:130}") int maxRetries) {
        this.maxRetries = maxRetries;
    }

    /**
     * For the route's {@code retryWhile}: retry in place while the exchange failed on a database outage, at most
     * {@code closeloop.jms.outage-retries} times (1 s doubling to 10 s apart: 130 ≈ 21 minutes); any other fault is not
     * retried here (the broker redelivers it).
     */
    public boolean retry(Exchange exchange) {
        int attempts = exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class);
        return attempts < maxRetries && isOutage(exchange);
    }

    /** The exchange's exception is an outage. */
    public boolean isOutage(Exchange exchange) {
        Throwable failure = exchange.getException();
        if (failure == null) {
            failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        }
        return isOutage(failure);
    }

    public static boolean isOutage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CannotGetJdbcConnectionException || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof org.hibernate.exception.JDBCConnectionException) {
                return true;
            }
            // the connection broke mid-transaction and even the rollback could not reach the database
            if (t instanceof org.hibernate.TransactionException && String.valueOf(t.getMessage()).contains("JDBC Connection")) {
                return true;
            }
            if (t instanceof java.net.SocketException || t instanceof java.io.EOFException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }
}
