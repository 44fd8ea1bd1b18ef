export { UsersTableSkeleton as default } from '@/components/users/users-table-skeleton';
