/**
 * Earlier and later pages of a long list (ballots of a round, a proposal's comment threads):
 * a page's work stays bounded however long the list grows.
 */
import { Link } from "@remix-run/react";
import { useT } from "~/i18n/react";

export function Pager(props: { page: number; pages: number; href: (page: number) => string; label: string; prev: string; next: string; className?: string }) {
  const t = useT();
  const { page, pages, href } = props;
  if (pages <= 1) return null;
  return (
    <nav aria-label={t(props.label)} className={props.className ?? "pager"}>
      {page > 1 ? <Link to={href(page - 1)}>{t(props.prev)}</Link> : null}
      <span className="muted">{t("pager.pageOf", { page, pages })}</span>
      {page < pages ? <Link to={href(page + 1)}>{t(props.next)}</Link> : null}
    </nav>
  );
}
