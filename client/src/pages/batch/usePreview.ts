import { useEffect, useState } from 'react';
import { errorText } from '../../api';
import { previewBatch, problemsOf } from '../../api/batch';
import { toRequest, type WizardForm } from './wizard';

/** The rendered ext_json of one account, or why it cannot be rendered. */
export interface PreviewState {
  loading: boolean;
  extJson?: string;
  problems: string[];
}

/** How long typing must pause before the preview asks the server again. */
export const PREVIEW_DELAY_MS = 500;

/**
 * Renders form's ext_json for form.previewAppid on the server (batch-release/preview), again
 * whenever the template, the variables or the account change, after typing pauses. Answers
 * to superseded requests are dropped.
 */
export function usePreview(form: WizardForm): PreviewState {
  const [state, setState] = useState<PreviewState & { key?: string }>({ loading: false, problems: [] });
  const { extJson, variables, previewAppid: appid } = form;
  const key = JSON.stringify([extJson, variables, appid]);
  // The rest of the spec matters little to a preview; it is sent as it stands when typing pauses.
  const request = toRequest(form);

  useEffect(() => {
    if (!appid || !extJson.trim()) return;
    let current = true;
    const timer = setTimeout(() => {
      previewBatch({ ...request, appid }).then(
        (d) => current && setState({ key, extJson: d.extJson, problems: [], loading: false }),
        (err: unknown) => {
          if (!current) return;
          const p = problemsOf(err);
          setState({ key, problems: p.length ? p : [errorText(err)], loading: false });
        },
      );
    }, PREVIEW_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- key stands for the inputs that matter
  }, [key]);

  if (!appid || !extJson.trim()) return { loading: false, problems: [] };
  if (state.key !== key) return { loading: true, extJson: state.extJson, problems: state.problems };
  return state;
}
