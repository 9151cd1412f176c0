package org.cityplatform.exchange.assessment;

import org.cityplatform.exchange.records.CsvText;

/**
 * The published table as CSV, every figure the page shows (RFC 4180, with a UTF-8 byte order mark so spreadsheets show the
 * Chinese names); its cells go through {@link CsvText} like every CSV of the gateway, so a name
 * or an advice never reaches a spreadsheet as a formula.
 */
final class ReportCsv {

    private ReportCsv() {
    }

    static String of(Publication p) {
        StringBuilder out = new StringBuilder("\uFEFF");
        out.append("agency,name,datasets,recordsProvided,recordsChanged,timelyDatasets,overdueDatasets,readsByOthers,"
                + "consumers,objectionsReceived,objectionsOverdue,applicationsAnswered,applicationsAnsweredOnTime,"
                + "excusedDatasets,consultationsOverdue,ordersOverdue,criticisms,violations,periods,periodsOnTime,"
                + "periodsLate,periodsExcused,score,advice\r\n");
        for (AgencyAssessment a : p.agencies()) {
            CsvText.field(out, a.agency()).append(',');
            CsvText.quotedField(out, a.name()).append(',').append(a.datasets()).append(',')
                    .append(a.recordsProvided()).append(',').append(a.recordsChanged()).append(',')
                    .append(a.timelyDatasets()).append(',').append(a.overdueDatasets()).append(',')
                    .append(a.readsByOthers()).append(',').append(a.consumers()).append(',')
                    .append(a.objectionsReceived()).append(',').append(a.objectionsOverdue()).append(',')
                    .append(a.applicationsAnswered()).append(',').append(a.applicationsAnsweredOnTime()).append(',')
                    .append(a.excusedDatasets()).append(',').append(a.consultationsOverdue()).append(',')
                    .append(a.ordersOverdue()).append(',').append(a.criticisms()).append(',')
                    .append(a.violations()).append(',').append(a.periods()).append(',')
                    .append(a.periodsOnTime()).append(',').append(a.periodsLate()).append(',')
                    .append(a.periodsExcused()).append(',')
                    // A year without requirements has no score: an empty cell, not a zero.
                    .append(a.score() == null ? "" : a.score().toString()).append(',');
            CsvText.quotedField(out, p.advice().getOrDefault(a.agency(), "")).append("\r\n");
        }
        return out.toString();
    }
}
