import { Loading } from 'tdesign-react';

/** Spinner shown while a lazily loaded page or its data arrives. */
export default function PageLoading() {
  return (
    <div className="page-loading">
      <Loading />
    </div>
  );
}
