import { SettingsTableLoading } from '@/components/settings/settings-table-loading';

export default function WebhooksLoading() {
  return <SettingsTableLoading label="Loading webhooks" rows={4} rowHeight="h-10" />;
}
