;redcode-94nop
;name Glance Then Fold
;author drq bench (hand-written)
;strategy A quickscan front end probes twelve cells spread over the core; where one is
;strategy occupied it drops sixteen SPL then DAT bombs around it; then it boots a silk paper.
;assert CORESIZE == 8000
gap     equ     613
        sne.i   blank, blank+gap*1
        mov.ab  #blank+gap*1-hit, hit
        sne.i   blank, blank+gap*2
        mov.ab  #blank+gap*2-hit, hit
        sne.i   blank, blank+gap*3
        mov.ab  #blank+gap*3-hit, hit
        sne.i   blank, blank+gap*4
        mov.ab  #blank+gap*4-hit, hit
        sne.i   blank, blank+gap*5
        mov.ab  #blank+gap*5-hit, hit
        sne.i   blank, blank+gap*6
        mov.ab  #blank+gap*6-hit, hit
        sne.i   blank, blank+gap*7
        mov.ab  #blank+gap*7-hit, hit
        sne.i   blank, blank+gap*8
        mov.ab  #blank+gap*8-hit, hit
        sne.i   blank, blank+gap*9
        mov.ab  #blank+gap*9-hit, hit
        sne.i   blank, blank+gap*10
        mov.ab  #blank+gap*10-hit, hit
        sne.i   blank, blank+gap*11
        mov.ab  #blank+gap*11-hit, hit
        sne.i   blank, blank+gap*12
        mov.ab  #blank+gap*12-hit, hit
        jmz.b   paper, hit
        sub.ab  #8, hit
stun    mov.i   qspl, >hit
        djn.b   stun, #16
        sub.ab  #16, hit
kill    mov.i   qdat, >hit
        djn.b   kill, #16
paper   spl.b   1, 0
        spl.b   1, 0
        spl.b   1, 0
silk    spl.b   @0, >2617
        mov.i   }silk, >silk
        mov.i   qdat, >1185
        jmp.b   silk, {silk
qspl    spl.b   #0, 0
qdat    dat.f   >1, >1
hit     dat.f   #0, #0
blank   dat.f   #0, #0
        end     0
