import { useRef, useState } from 'react';
import { Alert, Button, Tag } from 'tdesign-react';
import { UploadIcon } from 'tdesign-icons-react';
import { errorText, uploadMedia } from '../../api';
import type { MediaFile } from './auditForm';

/** Props of MediaUploader. */
export interface MediaUploaderProps {
  appid: string;
  type: 'image' | 'video';
  files: MediaFile[];
  onChange: (files: MediaFile[]) => void;
  max: number;
  /** Largest file in MB. */
  maxMB: number;
  /** The file chooser's filter, e.g. "image/*" or "video/mp4". */
  accept: string;
  testId: string;
}

/** Uploads each chosen file to WeChat at once (upload-media) and lists the media ids it got. */
export default function MediaUploader(p: MediaUploaderProps) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const upload = async (chosen: File[]) => {
    setError('');
    const room = p.max - p.files.length;
    const tooBig = chosen.filter((f) => f.size > p.maxMB * 1024 * 1024);
    const ok = chosen.filter((f) => f.size <= p.maxMB * 1024 * 1024).slice(0, room);
    const notes: string[] = [];
    if (tooBig.length) notes.push(`${tooBig.map((f) => f.name).join('、')} 超过 ${p.maxMB} MB`);
    if (chosen.length - tooBig.length > room) notes.push(`最多 ${p.max} 个文件，多出的未上传`);
    setBusy(true);
    let files = p.files;
    try {
      for (const f of ok) {
        try {
          files = [...files, { name: f.name, media: await uploadMedia(p.appid, p.type, f) }];
          p.onChange(files);
        } catch (err) {
          notes.push(`${f.name} 上传失败：${errorText(err)}`);
        }
      }
    } finally {
      setBusy(false);
      setError(notes.join('；'));
    }
  };

  return (
    <div data-testid={p.testId}>
      <input
        ref={input}
        type="file"
        hidden
        multiple={p.max > 1}
        accept={p.accept}
        data-testid={`${p.testId}-input`}
        onChange={(e) => {
          const chosen = Array.from(e.target.files ?? []);
          e.target.value = ''; // choosing the same file again fires onChange again
          if (chosen.length) void upload(chosen);
        }}
      />
      <div className="weapp-media-list">
        {p.files.map((f) => (
          <Tag
            key={f.media.mediaId}
            closable
            onClose={() => p.onChange(p.files.filter((x) => x !== f))}
            title={`media_id ${f.media.mediaId}`}
            data-testid={`${p.testId}-file`}
          >
            {f.name}
          </Tag>
        ))}
        <Button variant="outline" size="small" icon={<UploadIcon />} loading={busy} disabled={p.files.length >= p.max} onClick={() => input.current?.click()}>
          {p.type === 'video' ? '上传视频' : '上传图片'}
        </Button>
        <span className="muted" style={{ fontSize: 12, alignSelf: 'center' }}>
          {p.files.length}/{p.max}，单个不超过 {p.maxMB} MB
        </span>
      </div>
      {error && <Alert theme="warning" message={error} style={{ marginTop: 8 }} />}
    </div>
  );
}
