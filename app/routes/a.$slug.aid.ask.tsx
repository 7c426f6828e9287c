import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { postAction, postLoader } from "~/web/aid-post-form.server";
import { PostFormPage } from "~/components/aid-post-page";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction = () => [{ title: "Plenary" }];
export const loader = ({ request, params }: LoaderFunctionArgs) => postLoader(request, params.slug);
export const action = ({ request, params }: ActionFunctionArgs) => postAction(request, params.slug, "request");

export default function Ask() {
  return <PostFormPage kind="request" />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
