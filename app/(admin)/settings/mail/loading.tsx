import { SettingsTableLoading } from '@/components/settings/settings-table-loading';

export default function MailLoading() {
  return <SettingsTableLoading label="Loading mail" rows={6} />;
}
