export { AuditTableSkeleton as default } from '@/components/audit/audit-table-skeleton';
