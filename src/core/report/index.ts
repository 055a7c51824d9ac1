/** The staff report behind `npm run report`: records in, one self-contained HTML page (or CSV) out. */
export * from './records';
export { buildReport, dayFormatter, startOfDay, DECISIONS, REPORT_TIME_ZONE, type ReportData, type ReportOptions, type DayCounts, type EntryStats, type ReportCluster, type NearestEntry } from './aggregate';
export { clusterQuestions, termWeigher, similarity, DEFAULT_CLUSTER_THRESHOLD, type QuestionCluster, type ClusterOptions, type WeightedTerms } from './cluster';
export { renderReportHtml, DECISION_COLORS, type HtmlOptions } from './html';
export { recordsToCsv, csvField } from './csv';
export { escapeHtml } from './escape';
export { readReportRecords, reportData, reportPage, type ReportPageOptions } from './live';
