package org.cityplatform.exchange.assessment;

/**
 * One agency's figures for a period (docs/api.md, "Assessment"; Art. 34): what it provides, how timely,
 * how its data is used by others, and how it handled objections and applications. A dataset is
 * timely, excused (late under an open delay report, Art. 28) or overdue. consultationsOverdue counts
 * the consultations on its datasets it answered late or has not answered past their due day (Art. 18).
 * score is the agency's score out of 100 for the year's requirements, null when the year has none
 * (and in years published before scores).
 */
public record AgencyAssessment(String agency, String name, long datasets, long recordsProvided, long recordsChanged,
                               long timelyDatasets, long overdueDatasets, long readsByOthers, long consumers,
                               long objectionsReceived, long objectionsOverdue, long applicationsAnswered,
                               long applicationsAnsweredOnTime, long excusedDatasets, long consultationsOverdue,
                               Double score) {

    /** Figures without a score, as years with no requirements to score against. */
    public AgencyAssessment(String agency, String name, long datasets, long recordsProvided, long recordsChanged,
                            long timelyDatasets, long overdueDatasets, long readsByOthers, long consumers,
                            long objectionsReceived, long objectionsOverdue, long applicationsAnswered,
                            long applicationsAnsweredOnTime, long excusedDatasets, long consultationsOverdue) {
        this(agency, name, datasets, recordsProvided, recordsChanged, timelyDatasets, overdueDatasets, readsByOthers,
                consumers, objectionsReceived, objectionsOverdue, applicationsAnswered, applicationsAnsweredOnTime,
                excusedDatasets, consultationsOverdue, null);
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
