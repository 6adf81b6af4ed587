import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FilePicker } from './FilePicker';

interface Props {
  /** The photo taken or uploaded, or null after "Retake". */
  onChange: (photo: Blob | null) => void;
  error?: string;
  errorText?: string;
  /** Who is in the photo, for the preview's text alternative (the host by default). */
  previewAlt?: string;
}

/** Live photo from the webcam, with retake; a file upload when there is no camera or no permission. */
export function WebcamCapture({ onChange, errorText, previewAlt }: Props) {
  const { t } = useTranslation();
  const videoRef = useRef<HTMLVideoElement>(null);
  const streamRef = useRef<MediaStream | null>(null);
  const [state, setState] = useState<'idle' | 'live' | 'taken' | 'unavailable'>('idle');
  const [preview, setPreview] = useState<string>();

  const stopCamera = () => {
    streamRef.current?.getTracks().forEach((track) => track.stop());
    streamRef.current = null;
  };
  useEffect(() => stopCamera, []);
  // The <video> exists only once the 'live' state has rendered: attach the stream then.
  useEffect(() => {
    const video = videoRef.current;
    if (state === 'live' && video && streamRef.current && video.srcObject !== streamRef.current) {
      video.srcObject = streamRef.current;
      void video.play().catch(() => undefined);
    }
  }, [state]);
  useEffect(() => () => (preview ? URL.revokeObjectURL(preview) : undefined), [preview]);

  const startCamera = async () => {
    try {
      if (!navigator.mediaDevices?.getUserMedia) throw new Error('no camera API');
      const stream = await navigator.mediaDevices.getUserMedia({
        video: { width: 640, height: 480 },
        audio: false,
      });
      streamRef.current = stream;
      setState('live');
      onChange(null);
    } catch {
      setState('unavailable');
    }
  };

  const takePhoto = () => {
    const video = videoRef.current;
    if (!video || video.videoWidth === 0) return;
    const canvas = document.createElement('canvas');
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    canvas.getContext('2d')!.drawImage(video, 0, 0);
    canvas.toBlob(
      (blob) => {
        if (!blob) return;
        stopCamera();
        setPreview(URL.createObjectURL(blob));
        setState('taken');
        onChange(blob);
      },
      'image/jpeg',
      0.9,
    );
  };

  const upload = (file: File | undefined) => {
    if (!file) return;
    stopCamera();
    setPreview(URL.createObjectURL(file));
    setState('taken');
    onChange(file);
  };

  return (
    <div className="webcam">
      <div className="webcam-frame">
        {state === 'live' && <video ref={videoRef} muted playsInline aria-label={t('signup.cameraVideo')} />}
        {state === 'taken' && preview && <img src={preview} alt={previewAlt ?? t('signup.photoPreview')} />}
      </div>
      {state === 'unavailable' && (
        <p className="notice" role="status">
          {t('signup.cameraUnavailable')}
        </p>
      )}
      {errorText && (
        <p className="field-error" id="field-photo-error">
          {errorText}
        </p>
      )}
      <div className="button-row">
        {(state === 'idle' || state === 'unavailable') && (
          <button
            type="button"
            id="field-photo"
            className="button-secondary"
            onClick={() => void startCamera()}
          >
            {t('signup.startCamera')}
          </button>
        )}
        {state === 'live' && (
          <button type="button" id="field-photo" onClick={takePhoto}>
            {t('signup.takePhoto')}
          </button>
        )}
        {state === 'taken' && (
          <button
            type="button"
            id="field-photo"
            className="button-secondary"
            onClick={() => void startCamera()}
          >
            {t('signup.retake')}
          </button>
        )}
      </div>
      <label htmlFor="photo-upload" className="upload-label">
        {t('signup.uploadPhoto')}
      </label>
      <FilePicker
        id="photo-upload"
        accept="image/jpeg,image/png"
        onChange={(event) => upload(event.target.files?.[0])}
      />
    </div>
  );
}
