import { useT } from "~/i18n/react";

export function RoleBadges({ role, steward, facilitator }: { role: string; steward: boolean; facilitator: boolean }) {
  const t = useT();
  return (
    <span className="badges">
      <span className="badge">{t(`role.${role}`)}</span>
      {steward ? <span className="badge steward">{t("role.steward")}</span> : null}
      {facilitator ? <span className="badge facilitator">{t("role.facilitator")}</span> : null}
    </span>
  );
}
