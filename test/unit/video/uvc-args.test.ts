// The USB camera's FFmpeg input per platform: v4l2 on Linux, dshow on Windows, avfoundation on
// macOS, with the camera's size and rate asked of the device and the platform's source syntax.
import { describe, expect, it } from 'vitest';
import { recordArgs, uvcInputArgs } from '../../../src/hardware/video/ffmpeg-args.js';
import type { CameraSpec } from '../../../src/hardware/video/types.js';

const cam = (source: string): CameraSpec => ({ id: 'top', kind: 'uvc', source, width: 1280, height: 720, fps: 10 });
const caps = ['-framerate', '10', '-video_size', '1280x720'];

describe('UVC input arguments', () => {
  it('Linux reads the device node through v4l2', () => {
    expect(uvcInputArgs(cam('/dev/video0'), 'linux')).toEqual(['-f', 'v4l2', ...caps, '-i', '/dev/video0']);
  });

  it('Windows reads the friendly name through dshow, adding "video=" once', () => {
    expect(uvcInputArgs(cam('USB Camera'), 'win32')).toEqual(['-f', 'dshow', ...caps, '-i', 'video=USB Camera']);
    expect(uvcInputArgs(cam('video=HD Webcam'), 'win32')).toEqual(['-f', 'dshow', ...caps, '-i', 'video=HD Webcam']);
  });

  it('macOS reads through avfoundation with no audio device unless the source names one', () => {
    expect(uvcInputArgs(cam('0'), 'darwin')).toEqual(['-f', 'avfoundation', ...caps, '-i', '0:none']);
    expect(uvcInputArgs(cam('FaceTime HD Camera:1'), 'darwin')).toEqual([
      '-f',
      'avfoundation',
      ...caps,
      '-i',
      'FaceTime HD Camera:1',
    ]);
  });

  it('recordArgs puts the platform input before the filter graph; other kinds ignore the platform', () => {
    const paths = { segmentDir: '/v/seg', overlayFile: '/v/o.txt', qrFile: '/v/q.txt', fontFile: null };
    const enc = { segmentSeconds: 2, crf: 26 };
    const win = recordArgs(cam('USB Camera'), paths, enc, 'win32');
    expect(win.slice(win.indexOf('-f'), win.indexOf('-i') + 2)).toEqual([
      '-f',
      'dshow',
      ...caps,
      '-i',
      'video=USB Camera',
    ]);
    expect(win.indexOf('-i')).toBeLessThan(win.indexOf('-filter_complex'));
    const rtsp: CameraSpec = { ...cam('rtsp://10.0.0.9/ch1'), kind: 'rtsp' };
    expect(recordArgs(rtsp, paths, enc, 'darwin')).toEqual(recordArgs(rtsp, paths, enc, 'linux'));
  });
});
