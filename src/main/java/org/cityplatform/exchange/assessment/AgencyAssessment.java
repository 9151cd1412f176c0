package org.cityplatform.exchange.assessment;

/**
 * One agency's figures for a period (docs/api.md, "Assessment"; Art. 34): what it provides, how timely,
 * how its data is used by others, and how it handled objections and applications. A dataset is
 * timely, excused (late under an open delay report, Art. 28) or overdue. consultationsOverdue counts
 * the consultations on its datasets it answered late or has not answered past their due day (Art. 18).
 * ordersOverdue counts the rectification orders of the period it let pass their due day without a
 * response; criticisms and violations those the center addressed to it in the period (Art. 35, 36).
 * periods, periodsOnTime, periodsLate and periodsExcused judge each update-cycle period of its
 * (required) datasets (issue 18, {@link Timeliness}); score is 0 to 100 by the year's published
 * weights ({@link ScoreFormula}, Art. 33), null when the center published none
 * (and in years published before scores).
 */
public record AgencyAssessment(String agency, String name, long datasets, long recordsProvided, long recordsChanged,
                               long timelyDatasets, long overdueDatasets, long readsByOthers, long consumers,
                               long objectionsReceived, long objectionsOverdue, long applicationsAnswered,
                               long applicationsAnsweredOnTime, long excusedDatasets, long consultationsOverdue,
                               long ordersOverdue, long criticisms, long violations,
                               long periods, long periodsOnTime, long periodsLate, long periodsExcused, Double score) {

    /** Figures without supervision, periods and score, as years published before either was kept. */
    public AgencyAssessment(String agency, String name, long datasets, long recordsProvided, long recordsChanged,
                            long timelyDatasets, long overdueDatasets, long readsByOthers, long consumers,
                            long objectionsReceived, long objectionsOverdue, long applicationsAnswered,
                            long applicationsAnsweredOnTime, long excusedDatasets, long consultationsOverdue) {
        this(agency, name, datasets, recordsProvided, recordsChanged, timelyDatasets, overdueDatasets, readsByOthers,
                consumers, objectionsReceived, objectionsOverdue, applicationsAnswered, applicationsAnsweredOnTime,
                excusedDatasets, consultationsOverdue, 0, 0, 0, 0, 0, 0, 0, null);
    }

    /** Figures without overdue consultations, as years published before consultations had a due day. */
    public AgencyAssessment(String agency, String name, long datasets, long recordsProvided, long recordsChanged,
                            long timelyDatasets, long overdueDatasets, long readsByOthers, long consumers,
                            long objectionsReceived, long objectionsOverdue, long applicationsAnswered,
                            long applicationsAnsweredOnTime, long excusedDatasets) {
        this(agency, name, datasets, recordsProvided, recordsChanged, timelyDatasets, overdueDatasets, readsByOthers,
                consumers, objectionsReceived, objectionsOverdue, applicationsAnswered, applicationsAnsweredOnTime,
                excusedDatasets, 0);
    }

    /** Figures without excused datasets, as years published before delay reports were kept them. */
    public AgencyAssessment(String agency, String name, long datasets, long recordsProvided, long recordsChanged,
                            long timelyDatasets, long overdueDatasets, long readsByOthers, long consumers,
                            long objectionsReceived, long objectionsOverdue, long applicationsAnswered,
                            long applicationsAnsweredOnTime) {
        this(agency, name, datasets, recordsProvided, recordsChanged, timelyDatasets, overdueDatasets, readsByOthers,
                consumers, objectionsReceived, objectionsOverdue, applicationsAnswered, applicationsAnsweredOnTime, 0);
    }
}
